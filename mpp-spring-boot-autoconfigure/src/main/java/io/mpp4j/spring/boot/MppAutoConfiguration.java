package io.mpp4j.spring.boot;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.PaymentPolicy;
import io.mpp4j.core.Secret;
import io.mpp4j.core.event.PaymentListener;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.store.Store;
import io.mpp4j.servlet.PaymentFilter;
import io.mpp4j.servlet.RouteTable;
import io.mpp4j.stripe.StripeMethod;
import io.mpp4j.tempo.TempoMethod;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a Spring MVC application paid (draft-httpauth-payment-00): the {@link Mpp} engine from
 * {@code mpp.*} properties, its store and payment methods, and the payment filter in front of the
 * dispatcher, which resolves {@code @Paid} controller methods through Spring MVC's handler mappings
 * and serves {@code /openapi.json} (draft-payment-discovery-00). Controller methods can take the
 * verified {@link io.mpp4j.core.Payment} as an argument. Every bean here gives way to one the
 * application defines.
 *
 * <p>The filter runs at order {@value #FILTER_ORDER} ({@code mpp.filter-order}): after Spring
 * Security's filter chain (-100), so that authentication, CORS and firewall rules apply first, and
 * before filters of default order.
 *
 * @since 0.2.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({PaymentFilter.class, DispatcherServlet.class})
@EnableConfigurationProperties(MppProperties.class)
public class MppAutoConfiguration {
  /** The default order of the payment filter: just after Spring Security's chain (-100). */
  public static final int FILTER_ORDER = -90;

  static final String FILTER_NAME = "mppPaymentFilter";

  /** Tempo's, then Stripe's challenge come first; other methods follow in their bean order. */
  static final int METHOD_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  @Bean
  @ConditionalOnMissingBean
  Store mppStore(MppProperties properties) {
    return PaymentStores.create(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  Mpp mpp(
      MppProperties properties,
      Store store,
      ObjectProvider<PaymentMethod> methods,
      ObjectProvider<PaymentListener> listeners,
      ObjectProvider<PaymentPolicy> policy,
      ObjectProvider<Ledger> ledger) {
    if (!PaymentMethods.hasText(properties.getRealm())
        || !PaymentMethods.hasText(properties.getSecretKey())) {
      throw new IllegalStateException(
          "mpp.realm and mpp.secret-key are required (generate a key with"
              + " `openssl rand -base64 48`), or define an Mpp bean");
    }
    Mpp.Builder engine =
        Mpp.builder()
            .realm(properties.getRealm().trim())
            .secret(secret(properties.getSecretKey(), "mpp.secret-key"))
            .store(store)
            .challengeTtl(properties.getChallengeTtl());
    properties.getPreviousSecretKeys().stream()
        .filter(PaymentMethods::hasText)
        .forEach(key -> engine.previousSecret(secret(key, "mpp.previous-secret-keys")));
    List<PaymentMethod> configured = methods.orderedStream().toList();
    if (configured.isEmpty()) {
      throw new IllegalStateException(
          "No payment method is configured: set mpp.tempo.recipient and mpp.tempo.chain-id,"
              + " mpp.stripe.secret-key and mpp.stripe.network-id, or define a PaymentMethod bean");
    }
    configured.forEach(engine::method);
    listeners.orderedStream().forEach(engine::listener);
    policy.ifAvailable(engine::policy);
    ledger.ifAvailable(engine::ledger);
    return engine.build();
  }

  @Bean
  @ConditionalOnMissingBean
  MvcRouteResolver mppRouteResolver() {
    return new MvcRouteResolver();
  }

  @Bean(FILTER_NAME)
  @ConditionalOnMissingBean(name = FILTER_NAME)
  PaymentFilterRegistration mppPaymentFilter(
      MppProperties properties,
      ObjectProvider<Mpp> mpp,
      ObjectProvider<RouteTable> routes,
      MvcRouteResolver resolver,
      ApplicationContext context,
      Environment environment) {
    DeferredPaymentFilter filter =
        new DeferredPaymentFilter(
            () -> {
              Mpp engine = mpp.getObject();
              List<String> defaults =
                  properties.getDefaultMethods().isEmpty()
                      ? engine.methodIds()
                      : List.copyOf(properties.getDefaultMethods());
              resolver.initialise(context, engine, defaults, servletPrefix(environment));
              return filter(properties, engine, defaults, routes, resolver);
            },
            () -> ((WebApplicationContext) context).getServletContext());
    PaymentFilterRegistration registration = new PaymentFilterRegistration(filter);
    registration.setName(FILTER_NAME);
    registration.setOrder(properties.getFilterOrder());
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  @Bean
  WebMvcConfigurer mppWebMvcConfigurer(MvcRouteResolver resolver) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PaymentArgumentResolver());
      }

      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PaidHandlerGuard(resolver)).order(Ordered.HIGHEST_PRECEDENCE);
      }
    };
  }

  private static PaymentFilter filter(
      MppProperties properties,
      Mpp engine,
      List<String> defaults,
      ObjectProvider<RouteTable> routes,
      MvcRouteResolver resolver) {
    MppProperties.Discovery discovery = properties.getDiscovery();
    PaymentFilter.Builder filter =
        PaymentFilter.builder(engine)
            .routeResolver(resolver)
            .defaultMethods(defaults.toArray(String[]::new))
            .allowInsecureHttp(properties.isAllowInsecureHttp())
            .trustForwardedProto(properties.isTrustForwardedProto())
            .x402(properties.getX402().isEnabled())
            .maxBodyBytes(
                (int) Math.min(Integer.MAX_VALUE - 16, properties.getMaxBodySize().toBytes()))
            .discoveryPath(discovery.isEnabled() ? discovery.getPath() : null)
            .discovery(discovery.getTitle(), discovery.getVersion());
    routes.ifAvailable(filter::routes);
    return filter.build();
  }

  private static Secret secret(String value, String property) {
    Secret secret = Secret.of(value.trim());
    if (secret.length() < Secret.MIN_HMAC_BYTES) {
      throw new IllegalStateException(
          property + " must be at least " + Secret.MIN_HMAC_BYTES + " bytes");
    }
    return secret;
  }

  private static String servletPrefix(Environment environment) {
    String path = environment.getProperty("spring.mvc.servlet.path", "/").trim();
    String prefix = path.endsWith("/*") ? path.substring(0, path.length() - 2) : path;
    prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return prefix.isEmpty() || prefix.startsWith("/") ? prefix : "/" + prefix;
  }

  /** Tempo, when mpp-method-tempo is on the classpath and a recipient is configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.mpp4j.tempo.TempoMethod")
  static class TempoConfiguration {
    @Bean
    @Order(METHOD_ORDER)
    @ConditionalOnMissingBean(TempoMethod.class)
    @ConditionalOnProperty(prefix = "mpp.tempo", name = "recipient")
    TempoMethod mppTempoMethod(MppProperties properties) {
      return PaymentMethods.tempo(properties.getTempo());
    }
  }

  /** Stripe, when mpp-method-stripe is on the classpath and a secret key is configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.mpp4j.stripe.StripeMethod")
  static class StripeConfiguration {
    @Bean
    @Order(METHOD_ORDER + 1)
    @ConditionalOnMissingBean(StripeMethod.class)
    @ConditionalOnProperty(prefix = "mpp.stripe", name = "secret-key")
    StripeMethod mppStripeMethod(MppProperties properties) {
      return PaymentMethods.stripe(properties.getStripe());
    }
  }
}
