package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The example routes mpp4j's {@code System.Logger} lines to SLF4J, as the README describes. */
class LogRoutingTest {
  @Test
  void systemLoggerWhenRequestedThenBackedBySlf4j() {
    System.Logger logger = System.getLogger("io.mpp4j.payments");

    assertThat(logger.getClass().getName()).startsWith("org.slf4j.");
    assertThat(logger.isLoggable(System.Logger.Level.INFO)).isTrue();
    assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isFalse();
  }
}
