package io.mpp4j.servlet;

import io.mpp4j.core.Mpp;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The servlet filter that puts HTTP Payment authentication (draft-httpauth-payment-00) in front of
 * paid routes: it asks the {@link Mpp} engine about each request to a {@link Paid} servlet or a
 * {@link RouteTable} route and writes the outcome: {@code 402} with one challenge per offer, the
 * handler run with the verified payment ({@link Payments}) and {@code Payment-Receipt}, or a
 * problem. Other requests pass untouched. It also serves the discovery document
 * (draft-payment-discovery-00). The engine's settlement lifecycle runs around the handler: a
 * handler that throws or answers 5xx is reported, an async handler completes through an {@code
 * AsyncListener}, and {@code Idempotency-Key} retries of paid unsafe requests get the stored
 * response without a second charge.
 *
 * <pre>{@code
 * PaymentFilter filter = PaymentFilter.builder(mpp).defaultMethods("tempo").build();
 * context.addFilter("payment", filter)
 *     .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
 * }</pre>
 *
 * <p>In {@code web.xml}, declare this class as the filter and call {@link #configure} from a {@code
 * ServletContextListener}.
 *
 * @since 0.1.0
 */
public final class PaymentFilter implements Filter {
  /** The context attribute {@link #configure} sets for a filter created by the container. */
  public static final String SETTINGS_ATTRIBUTE = PaymentFilter.class.getName() + ".settings";

  private static final System.Logger LOG = System.getLogger(PaymentFilter.class.getName());

  private FilterSettings settings;
  private PaymentGate gate;

  /** For containers instantiating the filter from {@code web.xml}; see {@link #configure}. */
  public PaymentFilter() {}

  private PaymentFilter(FilterSettings settings) {
    this.settings = settings;
  }

  public static Builder builder(Mpp mpp) {
    return new Builder(mpp);
  }

  /** Makes {@code builder}'s configuration the one of the filter {@code web.xml} declares. */
  public static void configure(ServletContext context, Builder builder) {
    context.setAttribute(SETTINGS_ATTRIBUTE, builder.settings());
  }

  /**
   * Reads the {@link Paid} annotations of every servlet registered in the context, checks every
   * fixed offer against the engine and builds the discovery document.
   *
   * @throws ServletException when the filter is not configured or a paid route is invalid
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    ServletContext context = config.getServletContext();
    if (settings == null) {
      if (!(context.getAttribute(SETTINGS_ATTRIBUTE) instanceof FilterSettings configured)) {
        throw new ServletException(
            "PaymentFilter is not configured: call PaymentFilter.configure(context, builder)");
      }
      settings = configured;
    }
    try {
      AnnotatedRoutes annotated = AnnotatedRoutes.scan(context, settings.defaultMethods());
      for (AnnotatedRoutes.Operation op : annotated.operations()) {
        op.offers().forEach(settings.mpp()::request);
      }
      for (RouteTable.Route route : settings.routes().routes()) {
        route.fixed().forEach(settings.mpp()::request);
      }
      List<RouteResolver.Operation> resolved = List.copyOf(settings.resolver().operations());
      for (RouteResolver.Operation op : resolved) {
        if (!op.pricedPerRequest()) {
          op.offers().forEach(settings.mpp()::request);
        }
      }
      OpenApiDocument discovery =
          settings.discoveryPath() == null
              ? null
              : OpenApiDocument.build(
                  settings.mpp(),
                  settings.routes(),
                  annotated,
                  resolved,
                  settings.defaultMethods(),
                  context.getContextPath(),
                  settings.title(),
                  settings.version());
      gate =
          new PaymentGate(
              settings,
              annotated,
              ServletMappings.of(context.getServletRegistrations()),
              discovery);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ServletException("invalid paid route: " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Admission admission;
    try {
      admission = gate.admit(request, response);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "payment filter failed", e);
      if (!response.isCommitted()) {
        response.reset();
        Responses.plainProblem(
            response, 500, "Internal Server Error", "The payment could not be processed.");
      }
      return;
    }
    if (admission instanceof Admission.Free free) {
      chain.doFilter(free.request(), response);
    } else if (admission instanceof Admission.Paid paid) {
      PaidRequests.run(paid, chain);
    }
  }

  /** Configures a {@link PaymentFilter}. */
  public static final class Builder {
    private final Mpp mpp;
    private RouteTable routes = RouteTable.empty();
    private RouteResolver resolver = request -> java.util.Optional.empty();
    private List<String> defaultMethods = List.of();
    private int maxBodyBytes = 1 << 20;
    private boolean allowInsecureHttp;
    private boolean trustForwardedProto;
    private Duration bodyDeadline = Duration.ofSeconds(10);
    private int maxConcurrentBodies = 64;
    private String discoveryPath = "/openapi.json";
    private String title = "API";
    private String version = "1.0.0";
    private boolean x402;

    private Builder(Mpp mpp) {
      this.mpp = Objects.requireNonNull(mpp, "mpp");
    }

    /** Paid routes declared in code; they take precedence over {@link Paid} annotations. */
    public Builder routes(RouteTable routes) {
      this.routes = Objects.requireNonNull(routes, "routes");
      return this;
    }

    /**
     * Resolves paid operations through a framework's routing (Spring MVC's handler mappings); asked
     * after the {@link #routes route table} and before {@link Paid} servlets. None by default.
     *
     * @since 0.2.0
     */
    public Builder routeResolver(RouteResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Methods offered by a {@link Paid} without {@code methods}, in challenge order; every
     * registered method by default.
     */
    public Builder defaultMethods(String... methodIds) {
      this.defaultMethods = List.of(methodIds);
      return this;
    }

    /** Largest request body buffered on a paid route; larger ones get 413. 1 MiB by default. */
    public Builder maxBodyBytes(int max) {
      if (max < 0 || max > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxBodyBytes out of range: " + max);
      }
      this.maxBodyBytes = max;
      return this;
    }

    /** Accepts payments over plain HTTP: for local development only. Off by default. */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /** Trusts {@code X-Forwarded-Proto: https} from a TLS-terminating proxy. Off by default. */
    public Builder trustForwardedProto(boolean trust) {
      this.trustForwardedProto = trust;
      return this;
    }

    /**
     * How long the whole body of a paid request may take to arrive; slower ones get 408. 10 seconds
     * by default (a slow client cannot hold a request thread longer than this plus the container's
     * idle timeout).
     */
    public Builder bodyDeadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("body deadline must be positive");
      }
      this.bodyDeadline = deadline;
      return this;
    }

    /**
     * How many paid request bodies are read at once; further ones get 503 with {@code Retry-After}
     * at once, so that slow uploads cannot take every request thread. 64 by default.
     */
    public Builder maxConcurrentBodies(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentBodies must be positive");
      }
      this.maxConcurrentBodies = max;
      return this;
    }

    /** Title and version of the discovery document. */
    public Builder discovery(String title, String version) {
      this.title = Objects.requireNonNull(title, "title");
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Where the discovery document is served; {@code /openapi.json} by default, null for none. */
    public Builder discoveryPath(String path) {
      if (path != null && !path.startsWith("/")) {
        throw new IllegalArgumentException("discovery path starts with '/': " + path);
      }
      this.discoveryPath = path;
      return this;
    }

    /**
     * Also serves x402 v2 clients on every paid route with a method that takes x402 payments (e.g.
     * {@code evm}): each 402 carries {@code PAYMENT-REQUIRED} beside the {@code Payment}
     * challenges, a {@code PAYMENT-SIGNATURE} is verified and settled by the engine like a native
     * credential, and a paid response carries {@code PAYMENT-RESPONSE}. Off by default.
     *
     * @since 0.2.0
     */
    public Builder x402(boolean enabled) {
      this.x402 = enabled;
      return this;
    }

    FilterSettings settings() {
      return new FilterSettings(
          mpp,
          routes,
          resolver,
          defaultMethods.isEmpty() ? mpp.methodIds() : defaultMethods,
          maxBodyBytes,
          bodyDeadline,
          maxConcurrentBodies,
          allowInsecureHttp,
          trustForwardedProto,
          discoveryPath,
          title,
          version,
          x402);
    }

    public PaymentFilter build() {
      return new PaymentFilter(settings());
    }
  }
}
