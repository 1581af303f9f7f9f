package io.mpp4j.spring.boot;

import io.mpp4j.core.testing.TcpProxy;
import io.mpp4j.tempo.LocalTempoChain;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The real components the shared Spring context uses, started once per test JVM: a local Tempo
 * chain, and a proxy in front of the shared Redis at 127.0.0.1:6379 that tests can take away
 * without touching Redis itself.
 */
final class SharedServices {
  static final LocalTempoChain CHAIN = startChain();
  static final TcpProxy REDIS = startProxy();

  private SharedServices() {}

  private static LocalTempoChain startChain() {
    LocalTempoChain chain = new LocalTempoChain();
    try {
      chain.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(chain::stop, "local-chain-stop"));
    return chain;
  }

  private static TcpProxy startProxy() {
    try {
      return new TcpProxy("127.0.0.1", 6379).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
