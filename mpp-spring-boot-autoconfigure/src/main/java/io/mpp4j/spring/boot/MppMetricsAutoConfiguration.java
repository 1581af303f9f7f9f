package io.mpp4j.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.mpp4j.core.Mpp;
import io.mpp4j.micrometer.MppMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Payment metrics ({@link MppMetrics}) in the application's {@link MeterRegistry}, when
 * mpp-micrometer and a registry are present (Spring Boot Actuator provides one); the engine
 * receives them as a payment listener.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    },
    before = MppAutoConfiguration.class)
@ConditionalOnClass(
    name = {"io.micrometer.core.instrument.MeterRegistry", "io.mpp4j.micrometer.MppMetrics"})
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
public class MppMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MppMetrics mppMetrics(MeterRegistry registry) {
    return new MppMetrics(registry);
  }

  @Bean
  SmartInitializingSingleton mppDroppedEventsGauge(ObjectProvider<Mpp> mpp, MppMetrics metrics) {
    return () -> mpp.ifAvailable(metrics::monitor);
  }
}
