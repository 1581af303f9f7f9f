package io.mpp4j.examples;

import io.mpp4j.core.Secret;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.util.List;

/**
 * Two example servers on their own ports, as two instances behind a load balancer: the same secret
 * and realm, each with its own engine, payment method and store client.
 */
final class TwoInstances implements AutoCloseable {
  static final Secret SECRET = Secret.of("multi-instance test secret shared by both servers");
  static final String REALM = "api.example.test";

  private final List<ExampleServer> servers;
  private final List<FakePaymentMethod> methods;

  private TwoInstances(List<ExampleServer> servers, List<FakePaymentMethod> methods) {
    this.servers = servers;
    this.methods = methods;
  }

  /** Starts one server per store; each server owns (and closes) its store. */
  static TwoInstances start(Store first, Store second) throws Exception {
    return start(
        new Persistence(first, new MemoryLedger()), new Persistence(second, new MemoryLedger()));
  }

  /** Starts one server per store and ledger; each server owns (and closes) them. */
  static TwoInstances start(Persistence first, Persistence second) throws Exception {
    FakePaymentMethod a = new FakePaymentMethod();
    FakePaymentMethod b = new FakePaymentMethod();
    ExampleServer serverA;
    try {
      serverA = ExampleServer.start(config(), List.of(a), first);
    } catch (Exception e) {
      second.close();
      throw e;
    }
    try {
      ExampleServer serverB = ExampleServer.start(config(), List.of(b), second);
      return new TwoInstances(List.of(serverA, serverB), List.of(a, b));
    } catch (Exception e) {
      stop(serverA);
      throw e;
    }
  }

  static ExampleServer.Config config() {
    return new ExampleServer.Config(0, REALM, SECRET, true, false);
  }

  List<ExampleServer> servers() {
    return servers;
  }

  ExampleServer server(int index) {
    return servers.get(index);
  }

  /** Payments settled by the method of one server. */
  int settlements(int index) {
    return methods.get(index).settlements();
  }

  /** Payments settled by both servers together. */
  int settlements() {
    return settlements(0) + settlements(1);
  }

  @Override
  public void close() {
    try {
      stop(servers.get(0));
    } finally {
      stop(servers.get(1));
    }
  }

  private static void stop(ExampleServer server) {
    try {
      server.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("could not stop an example server", e);
    }
  }
}
