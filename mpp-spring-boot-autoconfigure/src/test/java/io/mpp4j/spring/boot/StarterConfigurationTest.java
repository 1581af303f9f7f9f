package io.mpp4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.micrometer.MppMetrics;
import io.mpp4j.tempo.TempoMethod;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code mpp.*} properties bind, user beans win, and a bad configuration fails clearly. */
class StarterConfigurationTest {

  @Test
  void propertiesWhenSetThenEngineTempoAndFilterFollowThem() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.tempo.rpc-url=http://127.0.0.1:8545",
            "mpp.tempo.currency=0x20c0000000000000000000000000000000000001",
            "mpp.filter-order=-50",
            "mpp.challenge-ttl=2m")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Mpp mpp = context.getBean(Mpp.class);
              assertThat(mpp.realm()).isEqualTo("config.test");
              assertThat(mpp.methodIds()).containsExactly("tempo");
              assertThat(mpp.store()).isInstanceOf(MemoryStore.class);
              TempoMethod tempo = context.getBean(TempoMethod.class);
              assertThat(tempo.chain().id()).isEqualTo(42431);
              assertThat(tempo.rpcUrl()).hasToString("http://127.0.0.1:8545");
              FilterRegistrationBean<?> filter =
                  context.getBean(MppAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class);
              assertThat(filter.getOrder()).isEqualTo(-50);
              assertThat(filter.getUrlPatterns()).containsExactly("/*");
            });
  }

  @Test
  void stripePropertiesWhenSetThenStripeIsOfferedAfterTempo() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.stripe.secret-key=sk_test_0123456789abcdef",
            "mpp.stripe.network-id=profile_test",
            "mpp.stripe.payment-method-types=card,link")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Mpp.class).methodIds()).containsExactly("tempo", "stripe");
              assertThat(context.getBean(io.mpp4j.stripe.StripeMethod.class).toString())
                  .doesNotContain("sk_test_0123456789abcdef");
            });
    StarterContexts.runner()
        .withPropertyValues("mpp.stripe.secret-key=sk_test_0123456789abcdef")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("mpp.stripe.network-id"));
  }

  @Test
  void defaultFilterOrderWhenUnsetThenRightAfterSpringSecurity() {
    StarterContexts.runner()
        .run(
            context ->
                assertThat(
                        context
                            .getBean(MppAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class)
                            .getOrder())
                    .isEqualTo(MppAutoConfiguration.FILTER_ORDER)
                    .isGreaterThan(-100)
                    .isLessThan(0));
  }

  @Test
  void redisStoreWhenConfiguredThenClaimsGoToTheRealRedis() {
    StarterContexts.runner()
        .withPropertyValues("mpp.store=redis://127.0.0.1:6379")
        .run(
            context -> {
              Store store = context.getBean(Mpp.class).store();
              assertThat(store.getClass().getSimpleName()).isEqualTo("RedisStore");
              String key = "starter-test:" + UUID.randomUUID();
              assertThat(claimWhenConnected(store, key)).isTrue();
              assertThat(store.claim(key, Duration.ofSeconds(30))).isFalse();
            });
  }

  @Test
  void jdbcStoreWhenConfiguredThenClaimsGoToThePostgresDatabase() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.store=jdbc:postgresql://127.0.0.1:5432/test", "mpp.store-username=postgres")
        .run(
            context -> {
              Store store = context.getBean(Store.class);
              assertThat(store.getClass().getSimpleName()).isEqualTo("JdbcStore");
              String key = "starter-test:" + UUID.randomUUID();
              assertThat(store.claim(key, Duration.ofSeconds(30))).isTrue();
              assertThat(store.claim(key, Duration.ofSeconds(30))).isFalse();
            });
  }

  @Test
  void storeWhenUnsupportedThenFailsWithoutRepeatingTheValue() {
    StarterContexts.runner()
        .withPropertyValues("mpp.store=mongodb://admin:hunter2@db:27017")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("mpp.store")
                    .hasMessageNotContaining("hunter2"));
  }

  @Test
  void requiredPropertiesWhenMissingOrWeakThenStartupNamesThem() {
    StarterContexts.runner()
        .withPropertyValues("mpp.secret-key=")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("mpp.secret-key"));
    StarterContexts.runner()
        .withPropertyValues("mpp.secret-key=short")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("at least 32 bytes"));
    StarterContexts.runner()
        .withPropertyValues("mpp.tempo.chain-id=")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("mpp.tempo.chain-id"));
    StarterContexts.runner()
        .withPropertyValues("mpp.tempo.recipient= ")
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("mpp.tempo.recipient is empty"));
    StarterContexts.bare()
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("No payment method is configured"));
  }

  @Test
  void userBeansWhenDefinedThenReplaceTheAutoConfiguredOnes() {
    StarterContexts.runner()
        .withUserConfiguration(UserBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Mpp.class)).isSameAs(UserBeans.MPP);
              assertThat(context.getBean(Store.class)).isSameAs(UserBeans.STORE);
              assertThat(context.getBean(TempoMethod.class)).isSameAs(UserBeans.TEMPO);
            });
  }

  @Test
  void ledgerWhenABeanIsDefinedThenTheEngineRecordsPaymentsInIt() {
    MemoryLedger shared = new MemoryLedger();
    StarterContexts.runner()
        .withBean(Ledger.class, () -> shared)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Mpp.class).ledger()).isSameAs(shared);
            });
  }

  @Test
  void metricsWhenARegistryExistsThenTheEngineReportsToIt() {
    StarterContexts.runner()
        .withBean(
            io.micrometer.core.instrument.MeterRegistry.class,
            io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .run(context -> assertThat(context).hasSingleBean(MppMetrics.class));
    StarterContexts.runner().run(context -> assertThat(context).doesNotHaveBean(MppMetrics.class));
  }

  @Test
  void configurationMetadataWhenPackagedThenDescribesEveryDocumentedProperty() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = Json.parseObject(in.readAllBytes());
    }
    List<String> described = new ArrayList<>();
    metadata
        .get("properties")
        .forEach(
            p -> {
              if (p.hasNonNull("description")) {
                described.add(p.get("name").asText());
              }
            });
    assertThat(described)
        .contains(
            "mpp.realm",
            "mpp.secret-key",
            "mpp.previous-secret-keys",
            "mpp.store",
            "mpp.allow-insecure-http",
            "mpp.trust-forwarded-proto",
            "mpp.tempo.rpc-url",
            "mpp.tempo.chain-id",
            "mpp.tempo.currency",
            "mpp.tempo.recipient",
            "mpp.tempo.fee-payer-key",
            "mpp.tempo.replay-ttl",
            "mpp.tempo.max-expiring-window",
            "mpp.tempo.max-concurrent-broadcasts",
            "mpp.tempo.max-broadcasts-per-payer",
            "mpp.tempo.splits",
            "mpp.tempo.session.escrow",
            "mpp.tempo.session.payee-key",
            "mpp.tempo.session.payee-fee-token",
            "mpp.tempo.session.suggested-deposit",
            "mpp.tempo.session.min-deposit",
            "mpp.tempo.session.min-voucher-delta",
            "mpp.tempo.session.settle-above",
            "mpp.tempo.session.settle-every",
            "mpp.tempo.session.voucher-rate-limit",
            "mpp.tempo.session.voucher-burst",
            "mpp.stripe.secret-key",
            "mpp.stripe.network-id");
  }

  private static boolean claimWhenConnected(Store store, String key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return store.claim(key, Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    static final Store STORE = new MemoryStore();
    static final TempoMethod TEMPO =
        TempoMethod.builder()
            .chain(io.mpp4j.tempo.TempoChain.MAINNET)
            .recipient("0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00")
            .build();
    static final Mpp MPP =
        Mpp.builder()
            .realm("mine")
            .secret(Secret.of("the user's own secret of at least 32 bytes"))
            .method(new FakePaymentMethod())
            .store(STORE)
            .build();

    @Bean
    Mpp mpp() {
      return MPP;
    }

    @Bean
    Store store() {
      return STORE;
    }

    @Bean
    TempoMethod userTempo() {
      return TEMPO;
    }
  }
}
