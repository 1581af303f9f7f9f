package io.mpp4j.spring.boot;

import io.mpp4j.core.Mpp;
import io.mpp4j.tempo.TempoMethod;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators: {@code mppStore} (the engine's store answers) and {@code mppTempo}
 * (each Tempo RPC node answers with the configured chain). Works with Spring Boot 3.5 ({@code
 * org.springframework.boot.actuate.health}) and 4.0 ({@code
 * org.springframework.boot.health.contributor}); {@code management.health.mpp.enabled=false} turns
 * both off.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = MppAutoConfiguration.class)
@ConditionalOnBean(Mpp.class)
@ConditionalOnProperty(name = "management.health.mpp.enabled", matchIfMissing = true)
public class MppHealthAutoConfiguration {

  /** Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3 {
    @Bean
    @ConditionalOnMissingBean(name = "mppStoreHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator mppStoreHealthIndicator(
        ObjectProvider<Mpp> mpp) {
      return () -> health(HealthProbes.store(mpp.getObject().store()));
    }

    @Bean
    @ConditionalOnBean(TempoMethod.class)
    @ConditionalOnMissingBean(name = "mppTempoHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator mppTempoHealthIndicator(
        ObjectProvider<TempoMethod> tempo) {
      return () -> health(HealthProbes.tempo(tempo.orderedStream().toList()));
    }

    private static org.springframework.boot.actuate.health.Health health(
        HealthProbes.Result result) {
      return (result.up()
              ? org.springframework.boot.actuate.health.Health.up()
              : org.springframework.boot.actuate.health.Health.down())
          .withDetails(result.details())
          .build();
    }
  }

  /** Spring Boot 4. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4 {
    @Bean
    @ConditionalOnMissingBean(name = "mppStoreHealthIndicator")
    org.springframework.boot.health.contributor.HealthIndicator mppStoreHealthIndicator(
        ObjectProvider<Mpp> mpp) {
      return () -> health(HealthProbes.store(mpp.getObject().store()));
    }

    @Bean
    @ConditionalOnBean(TempoMethod.class)
    @ConditionalOnMissingBean(name = "mppTempoHealthIndicator")
    org.springframework.boot.health.contributor.HealthIndicator mppTempoHealthIndicator(
        ObjectProvider<TempoMethod> tempo) {
      return () -> health(HealthProbes.tempo(tempo.orderedStream().toList()));
    }

    private static org.springframework.boot.health.contributor.Health health(
        HealthProbes.Result result) {
      return (result.up()
              ? org.springframework.boot.health.contributor.Health.up()
              : org.springframework.boot.health.contributor.Health.down())
          .withDetails(result.details())
          .build();
    }
  }
}
