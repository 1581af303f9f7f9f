package io.mpp4j.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Fast contexts without a server for configuration tests: the starter's auto-configuration, Spring
 * MVC from {@code @EnableWebMvc} (the same on Spring Boot 3 and 4) and the required properties.
 */
final class StarterContexts {
  static final String SECRET = "mpp.secret-key=a configuration test secret of 32+ bytes";

  private StarterContexts() {}

  static WebApplicationContextRunner runner() {
    return bare()
        .withPropertyValues(
            "mpp.tempo.recipient=0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
            "mpp.tempo.chain-id=42431");
  }

  /** Without a payment method. */
  static WebApplicationContextRunner bare() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MppAutoConfiguration.class,
                MppHealthAutoConfiguration.class,
                MppMetricsAutoConfiguration.class))
        .withPropertyValues("mpp.realm=config.test", SECRET);
  }

  /** The innermost cause of a start-up failure: what the application was told. */
  static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
