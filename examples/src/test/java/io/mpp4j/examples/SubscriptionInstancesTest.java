package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Secret;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.Store;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import io.mpp4j.tempo.TempoMethod;
import io.mpp4j.tempo.TempoSubscriptionSettings;
import io.mpp4j.tempo.TempoSubscriptions;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two example servers sharing one store serve {@code GET /api/subscribed} (1.00 per day) on a local
 * Tempo T4 chain to the reference client ({@code mppx@0.9.0}): the same payer subscribing through
 * both at once is charged once, and when a period is due, both servers' renewal jobs and the
 * payer's requests to both at once charge it once. Subclasses choose the shared store.
 */
abstract class SubscriptionInstancesTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  static final BigInteger PRICE = BigInteger.valueOf(1_000_000);
  static final long DAY = 86_400;

  private final List<ExampleServer> servers = new ArrayList<>();
  private final List<TempoMethod> methods = new ArrayList<>();

  /** A new client of the shared store (each server owns and closes its own). */
  abstract Store newClient() throws Exception;

  @BeforeEach
  void startBoth() throws Exception {
    for (int i = 0; i < 2; i++) {
      TempoMethod tempo =
          CHAIN
              .merchantMethod()
              .feePayer(Secret.of(CHAIN.sponsor().privateKey()))
              .subscriptions(
                  TempoSubscriptionSettings.builder()
                      .accessKeySecret(Secret.of("example subscription secret of 32+ bytes"))
                      .chainTimeRefresh(Duration.ZERO)
                      .retryInterval(Duration.ZERO)
                      .renewalWait(Duration.ofSeconds(20))
                      .build())
              .build();
      methods.add(tempo);
      servers.add(
          ExampleServer.start(
              TwoInstances.config(),
              List.of(tempo),
              new Persistence(newClient(), new MemoryLedger())));
    }
  }

  @AfterEach
  void stopBoth() throws Exception {
    for (ExampleServer server : servers) {
      server.close();
    }
  }

  @Test
  void subscribedWhenUnpaidThenSubscriptionChallengeForADailyPeriod() throws Exception {
    HttpResponse<String> response = Http.get(servers.get(0), ExampleSubscriptions.PATH, null);

    assertThat(response.statusCode()).isEqualTo(402);
    Challenge challenge = Http.challenges(response).get(0);
    assertThat(challenge.intent()).isEqualTo("subscription");
    JsonNode request = challenge.requestJson();
    assertThat(request.path("amount").asText()).isEqualTo("1000000");
    assertThat(request.path("periodUnit").asText()).isEqualTo("day");
    assertThat(request.path("periodCount").asText()).isEqualTo("1");
    assertThat(request.path("methodDetails").path("accessKey").path("keyType").asText())
        .isEqualTo("secp256k1");
  }

  @Test
  void samePayerWhenSubscribingOnBothInstancesAtOnceThenChargedOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);

    List<Object> results = race(() -> subscribe(0, payer), () -> subscribe(1, payer));

    JsonNode a = paid(results.get(0));
    JsonNode b = paid(results.get(1));
    assertThat(b.path("subscriptionId").asText()).isEqualTo(a.path("subscriptionId").asText());
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE);
  }

  @Test
  void periodDueWhenJobsAndRequestsOfBothInstancesRaceThenChargedOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id = paid(subscribe(0, payer)).path("subscriptionId").asText();
    CHAIN.advance(DAY + 60);

    List<Object> results =
        race(
            () -> methods.get(0).subscriptions().renewDue(),
            () -> methods.get(1).subscriptions().renewDue(),
            () -> subscribe(0, payer),
            () -> subscribe(1, payer));

    String reference = methods.get(1).subscriptions().find(id).orElseThrow().reference();
    assertThat(paid(results.get(2)).path("reference").asText()).isEqualTo(reference);
    assertThat(paid(results.get(3)).path("reference").asText()).isEqualTo(reference);
    assertThat(
            ((TempoSubscriptions.RenewalRun) results.get(0)).renewed()
                + ((TempoSubscriptions.RenewalRun) results.get(1)).renewed())
        .isLessThanOrEqualTo(1);
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(methods.get(0).subscriptions().find(id).orElseThrow().lastChargedPeriod())
        .isEqualTo(1);
  }

  private JsonNode subscribe(int server, LocalTempoChain.DevAccount payer) throws Exception {
    return MppxClient.subscribe(
            servers.get(server).uri(ExampleSubscriptions.PATH), CHAIN, payer, "0.9.0", 1)
        .get(0);
  }

  private static JsonNode paid(Object result) {
    JsonNode node = (JsonNode) result;
    assertThat(node.path("status").asInt()).as(node.toString()).isEqualTo(200);
    assertThat(node.path("body").asText()).contains("subscriptionId");
    return node.path("receipt");
  }

  private static BigInteger balance(LocalTempoChain.DevAccount payer) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
  }

  @SafeVarargs
  private static List<Object> race(Callable<?>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<?> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
