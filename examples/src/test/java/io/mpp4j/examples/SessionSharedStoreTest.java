package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.Store;
import io.mpp4j.tempo.LocalEscrow;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.SessionHarness;
import io.mpp4j.tempo.TempoSessionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances (engines and Tempo methods of their own) sharing one backing store serve a
 * session channel between them: concurrent vouchers on the same channel never pay for the same
 * amount twice (draft-tempo-session-00 §"Concurrency Model": balance updates serialized per
 * channel). The bursts send far more than the default 10 vouchers/s on one channel, so the
 * per-channel rate limit is raised: these tests are about the store, not the limiter.
 */
abstract class SessionSharedStoreTest {
  private static final long PRICE = 1_000;
  private static final int PER_INSTANCE = 8;

  private final List<SessionHarness> instances = new ArrayList<>();
  private final List<Store> stores = new ArrayList<>();

  /** A new client of the backing store this test run uses. */
  abstract Store newClient() throws Exception;

  /** The subclass's local chain (a static extension of each test class). */
  abstract LocalTempoChain chain();

  @BeforeEach
  void startInstances() throws Exception {
    String escrow = LocalEscrow.install(chain());
    for (int i = 0; i < 2; i++) {
      Store store = newClient();
      stores.add(store);
      instances.add(
          new SessionHarness(
              chain(),
              escrow,
              store,
              "0.001",
              TempoSessionSettings.builder().voucherRateLimit(1_000, 1_000)));
    }
  }

  @AfterEach
  void stopInstances() throws Exception {
    for (SessionHarness instance : instances) {
      instance.method.close();
    }
    for (Store store : stores) {
      if (store instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private SessionHarness.Channel opened() {
    SessionHarness first = instances.get(0);
    SessionHarness.Channel channel = first.newChannel(chain().freshAccount(), 1_000_000);
    Decision decision = first.send("GET", first.challenge(), first.open(channel, PRICE));
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) decision).settlement().complete();
    return channel;
  }

  /** Sends one payload per request to the instances in turn, all released at once. */
  private List<Decision> burst(List<com.fasterxml.jackson.databind.node.ObjectNode> payloads)
      throws Exception {
    Challenge challenge = instances.get(0).challenge();
    ExecutorService pool = Executors.newFixedThreadPool(payloads.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Decision>> futures = new ArrayList<>();
      for (int i = 0; i < payloads.size(); i++) {
        SessionHarness instance = instances.get(i % 2);
        var payload = payloads.get(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  Decision decision = instance.send("GET", challenge, payload);
                  if (decision instanceof Decision.Paid paid) {
                    paid.settlement().complete();
                  }
                  return decision;
                }));
      }
      go.countDown();
      List<Decision> decisions = new ArrayList<>();
      for (Future<Decision> future : futures) {
        decisions.add(future.get(60, TimeUnit.SECONDS));
      }
      return decisions;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void voucherWhenSameOneReachesBothInstancesAtOnceThenItPaysExactlyOneRequest() throws Exception {
    SessionHarness.Channel channel = opened();
    for (int round = 1; round <= 3; round++) {
      long cumulative = PRICE * (round + 1);
      var voucher = instances.get(0).voucher(channel, cumulative);
      List<com.fasterxml.jackson.databind.node.ObjectNode> payloads = new ArrayList<>();
      for (int i = 0; i < 2 * PER_INSTANCE; i++) {
        payloads.add(voucher);
      }

      List<Decision> decisions = burst(payloads);

      assertThat(decisions.stream().filter(Decision.Paid.class::isInstance)).hasSize(1);
      assertThat(decisions.stream().filter(d -> !(d instanceof Decision.Paid)))
          .allSatisfy(
              d ->
                  assertThat(((Decision.PaymentRequired) d).problem().type())
                      .isEqualTo(ProblemType.SESSION_INSUFFICIENT_BALANCE));
    }
  }

  @Test
  void vouchersWhenIncreasingOnesRaceAcrossInstancesThenSpentNeverExceedsAccepted()
      throws Exception {
    SessionHarness.Channel channel = opened();
    List<com.fasterxml.jackson.databind.node.ObjectNode> payloads = new ArrayList<>();
    for (int k = 2; k < 2 + 2 * PER_INSTANCE; k++) {
      payloads.add(instances.get(k % 2).voucher(channel, PRICE * k));
    }

    List<Decision> decisions = burst(payloads);

    long paid = decisions.stream().filter(Decision.Paid.class::isInstance).count();
    Decision state =
        instances
            .get(1)
            .send(
                "POST",
                instances.get(1).challenge(),
                instances.get(1).voucher(channel, PRICE * (1 + 2 * PER_INSTANCE)));
    assertThat(state).isInstanceOf(Decision.Acknowledged.class);
    var receipt = ((Decision.Acknowledged) state).receipt();
    long spent = Long.parseLong(receipt.text("spent").orElseThrow());
    assertThat(spent).isEqualTo(PRICE * (1 + paid));
    assertThat(paid).isPositive().isLessThanOrEqualTo(2L * PER_INSTANCE);
    assertThat(decisions)
        .allSatisfy(
            d ->
                assertThat(d)
                    .satisfiesAnyOf(
                        x -> assertThat(x).isInstanceOf(Decision.Paid.class),
                        x ->
                            assertThat(((Decision.PaymentRequired) x).problem().type())
                                .isIn(
                                    ProblemType.VERIFICATION_FAILED,
                                    ProblemType.SESSION_INSUFFICIENT_BALANCE)));
  }
}
