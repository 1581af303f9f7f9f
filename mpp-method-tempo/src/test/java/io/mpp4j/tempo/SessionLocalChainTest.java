package io.mpp4j.tempo;

import static io.mpp4j.tempo.SessionDecisions.acknowledged;
import static io.mpp4j.tempo.SessionDecisions.paid;
import static io.mpp4j.tempo.SessionDecisions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Meter;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Served;
import io.mpp4j.core.Usage;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions on a local chain with the project's escrow, through the real engine: channels opened by
 * a signed transaction, vouchers on content and management requests, metering by request, by
 * reported usage and while streaming, top-ups, refusals with the spec's problem types, a
 * cooperative close paid out on chain, settlement by policy and before a payer's forced close.
 */
class SessionLocalChainTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final long PRICE = 1_000;
  private static String escrow;
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    escrow = LocalEscrow.install(CHAIN);
    harness =
        new SessionHarness(
            CHAIN,
            escrow,
            new MemoryStore(),
            "0.001",
            TempoSessionSettings.builder().minVoucherDelta(10));
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private static SessionHarness.Channel opened(long deposit, long cumulative) {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), deposit);
    Decision decision = harness.send("GET", harness.challenge(), harness.open(channel, cumulative));
    paid(decision).settlement().complete();
    return channel;
  }

  @Test
  void openWhenSignedTransactionOnContentRequestThenChannelOpenAndOneUnitReserved() {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 100_000);

    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.open(channel, PRICE)));

    assertThat(paid.receipt().text("channelId")).contains(channel.id());
    assertThat(paid.receipt().text("intent")).contains("session");
    assertThat(paid.receipt().text("acceptedCumulative")).contains("1000");
    assertThat(paid.receipt().text("spent")).contains("1000");
    assertThat(paid.receipt().text("txHash")).isPresent();
    assertThat(paid.settlement().complete().text("spent")).contains("1000");
    Escrow.OnChain onChain = harness.onChain(channel.id());
    assertThat(onChain.deposit()).isEqualTo(BigInteger.valueOf(100_000));
    assertThat(onChain.payer()).isEqualTo(channel.payer().address());
  }

  @Test
  void openWhenServerSponsorsFeesThenPayerPaysOnlyTheDeposit() {
    SessionHarness sponsoring =
        new SessionHarness(
            CHAIN, escrow, new MemoryStore(), "0.001", TempoSessionSettings.builder(), true);
    try {
      SessionHarness.Channel channel = sponsoring.newChannel(CHAIN.freshAccount(), 20_000);
      BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, channel.payer().address());

      Decision decision =
          sponsoring.send("GET", sponsoring.challenge(), sponsoring.open(channel, PRICE));

      paid(decision).settlement().complete();
      assertThat(
              before.subtract(CHAIN.balance(LocalTempoChain.PATH_USD, channel.payer().address())))
          .isEqualTo(BigInteger.valueOf(20_000));
      assertThat(sponsoring.onChain(channel.id()).deposit()).isEqualTo(BigInteger.valueOf(20_000));
    } finally {
      sponsoring.method.close();
    }
  }

  @Test
  void openWhenSponsoredPayerCannotCoverTheDepositThenRefusedBeforeTheSponsorPays() {
    SessionHarness sponsoring =
        new SessionHarness(
            CHAIN, escrow, new MemoryStore(), "0.001", TempoSessionSettings.builder(), true);
    try {
      BigInteger key = BigInteger.valueOf(0x5e551011L);
      LocalTempoChain.DevAccount broke =
          new LocalTempoChain.DevAccount(Hex.encode(Hex.unsigned(key, 32)), Secp256k1.address(key));
      SessionHarness.Channel channel = sponsoring.newChannel(broke, 20_000);
      String sponsor = CHAIN.sponsor().address();
      BigInteger sponsorBefore = CHAIN.balance(LocalTempoChain.PATH_USD, sponsor);

      Decision decision =
          sponsoring.send("GET", sponsoring.challenge(), sponsoring.open(channel, PRICE));

      assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
      assertThat(((Decision.PaymentRequired) decision).problem().detail())
          .contains("balance does not cover the deposit");
      assertThat(harness.onChain(channel.id()).exists()).isFalse();
      assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, sponsor)).isEqualTo(sponsorBefore);
    } finally {
      sponsoring.method.close();
    }
  }

  @Test
  void voucherWhenPostedWithoutContentThenAcknowledgedAndIdempotentOnRetry() {
    SessionHarness.Channel channel = opened(100_000, PRICE);
    Challenge challenge = harness.challenge();

    Decision.Acknowledged first =
        acknowledged(harness.send("POST", challenge, harness.voucher(channel, 5_000)));
    Decision.Acknowledged again =
        acknowledged(harness.send("POST", challenge, harness.voucher(channel, 5_000)));

    assertThat(first.receipt().text("acceptedCumulative")).contains("5000");
    assertThat(first.receipt().text("spent")).contains("1000");
    assertThat(again.receipt().text("acceptedCumulative")).contains("5000");
    assertThat(again.receipt().text("spent")).contains("1000");
  }

  @Test
  void voucherWhenReplayedOnContentRequestWithoutBalanceThenInsufficientBalance() {
    SessionHarness.Channel channel = opened(100_000, PRICE);

    Decision replay = harness.send("GET", harness.challenge(), harness.voucher(channel, PRICE));

    assertThat(problem(replay)).isEqualTo(ProblemType.SESSION_INSUFFICIENT_BALANCE);
    assertThat(((Decision.PaymentRequired) replay).problem().toJson())
        .contains("\"requiredTopUp\":\"1000\"");
  }

  @Test
  void voucherWhenLowerThanAcceptedThenVerificationFailed() {
    SessionHarness.Channel channel = opened(100_000, 3_000);

    assertThat(problem(harness.send("POST", harness.challenge(), harness.voucher(channel, 2_000))))
        .isEqualTo(ProblemType.VERIFICATION_FAILED);
  }

  @Test
  void voucherWhenSignedByAnotherKeyThenSignerMismatch() {
    SessionHarness.Channel channel = opened(100_000, PRICE);
    ObjectNode forged =
        harness.voucherPayload("voucher", channel, 2_000, CHAIN.freshAccount().key());

    assertThat(problem(harness.send("POST", harness.challenge(), forged)))
        .isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH);
  }

  @Test
  void voucherWhenAboveDepositThenAmountExceedsDeposit() {
    SessionHarness.Channel channel = opened(10_000, PRICE);

    assertThat(problem(harness.send("POST", harness.challenge(), harness.voucher(channel, 10_001))))
        .isEqualTo(ProblemType.SESSION_AMOUNT_EXCEEDS_DEPOSIT);
  }

  @Test
  void voucherWhenBelowMinimumDeltaThenDeltaTooSmall() {
    SessionHarness.Channel channel = opened(10_000, PRICE);

    assertThat(
            problem(harness.send("POST", harness.challenge(), harness.voucher(channel, PRICE + 5))))
        .isEqualTo(ProblemType.SESSION_DELTA_TOO_SMALL);
  }

  @Test
  void voucherWhenChannelUnknownThenChannelNotFoundWith410() {
    SessionHarness.Channel unknown = harness.newChannel(CHAIN.freshAccount(), 10_000);

    Decision decision = harness.send("POST", harness.challenge(), harness.voucher(unknown, PRICE));

    assertThat(problem(decision)).isEqualTo(ProblemType.SESSION_CHANNEL_NOT_FOUND);
    assertThat(decision.status()).isEqualTo(410);
  }

  @Test
  void voucherWhenChallengeTamperedThenInvalidChallenge() {
    SessionHarness.Channel channel = opened(10_000, PRICE);
    Challenge issued = harness.challenge();
    Challenge tampered =
        new Challenge(
            issued.id(),
            issued.realm(),
            issued.method(),
            issued.intent(),
            issued.request(),
            "2099-01-01T00:00:00Z",
            issued.digest(),
            issued.description(),
            issued.opaque());

    assertThat(problem(harness.send("POST", tampered, harness.voucher(channel, 2_000))))
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
  }

  @Test
  void completeWhenHandlerReportsUsageThenUnitsTimesPriceCharged() {
    SessionHarness.Channel channel = opened(100_000, PRICE);

    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 4_000)));
    var receipt = paid.settlement().complete(Served.status(200).usage(Usage.units(3)));

    assertThat(receipt.extra().get("units")).isEqualTo(3L);
    assertThat(receipt.text("spent")).contains("4000");
  }

  @Test
  void abortWhenHandlerFailsThenReservedUnitGivenBack() {
    SessionHarness.Channel channel = opened(100_000, PRICE);

    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 2_000)));
    paid.settlement().abort(new IllegalStateException("handler failed"));
    Decision.Acknowledged state =
        acknowledged(harness.send("POST", harness.challenge(), harness.voucher(channel, 2_000)));

    assertThat(state.receipt().text("spent")).contains("1000");
  }

  @Test
  void meterWhenStreamRunsOutThenNeedsVoucherAndResumesWhenItArrives() throws Exception {
    SessionHarness.Channel channel = opened(100_000, PRICE);
    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 2_000)));
    Meter meter = paid.settlement().meter().orElseThrow();
    List<Meter.Need> needs = new CopyOnWriteArrayList<>();

    assertThat(meter.charge(1, Duration.ZERO, needs::add)).isTrue();
    CompletableFuture<Boolean> paused =
        CompletableFuture.supplyAsync(() -> meter.charge(2, Duration.ofSeconds(20), needs::add));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (needs.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(needs).hasSize(1);
    assertThat(needs.get(0).requiredCumulative()).isEqualTo("4000");
    assertThat(needs.get(0).acceptedCumulative()).isEqualTo("2000");
    assertThat(needs.get(0).deposit()).isEqualTo("100000");
    acknowledged(harness.send("POST", harness.challenge(), harness.voucher(channel, 4_000)));

    assertThat(paused.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(paid.settlement().complete().text("spent")).contains("4000");
  }

  @Test
  void meterWhenPausedAndVoucherArrivesOnAStreamingGetThenItFeedsThePausedStream()
      throws Exception {
    SessionHarness.Channel channel = opened(100_000, PRICE);
    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 2_000)));
    Meter meter = paid.settlement().meter().orElseThrow();
    List<Meter.Need> needs = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> paused =
        CompletableFuture.supplyAsync(() -> meter.charge(2, Duration.ofSeconds(20), needs::add));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (needs.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    Decision delivery = harness.send("GET", harness.challenge(), harness.voucher(channel, 4_000));

    assertThat(delivery).isInstanceOf(Decision.Acknowledged.class);
    assertThat(paused.get(10, TimeUnit.SECONDS)).isTrue();
    paid.settlement().complete();
    Decision.Paid next =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 5_000)));
    assertThat(next.receipt().text("spent")).contains("4000");
    next.settlement().complete();
  }

  @Test
  void meterWhenNoVoucherInTimeThenChargesNothing() {
    SessionHarness.Channel channel = opened(100_000, PRICE);
    Decision.Paid paid =
        paid(harness.send("GET", harness.challenge(), harness.voucher(channel, 2_000)));
    Meter meter = paid.settlement().meter().orElseThrow();

    assertThat(meter.charge(3, Duration.ofMillis(200), need -> {})).isFalse();
    assertThat(meter.receipt().text("spent")).contains("2000");
  }

  @Test
  void topUpWhenSignedTransactionThenDepositGrowsAndLargerVoucherAccepted() {
    SessionHarness.Channel channel = opened(10_000, PRICE);
    ObjectNode topUp = harness.topUp(channel, 5_000);

    Decision.Acknowledged ack = acknowledged(harness.send("POST", harness.challenge(), topUp));

    assertThat(ack.receipt().text("txHash")).isPresent();
    assertThat(harness.onChain(channel.id()).deposit()).isEqualTo(BigInteger.valueOf(15_000));
    acknowledged(harness.send("POST", harness.challenge(), harness.voucher(channel, 14_000)));
  }

  @Test
  void closeWhenBelowSpentThenRefusedAndWhenCoveringThenPaidOutAndFinalized() {
    SessionHarness.Channel channel = opened(50_000, 3_000);
    Challenge challenge = harness.challenge();
    paid(harness.send("GET", challenge, harness.voucher(channel, 6_000))).settlement().complete();
    BigInteger payeeBefore = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
    BigInteger payerBefore = CHAIN.balance(LocalTempoChain.PATH_USD, channel.payer().address());

    assertThat(problem(harness.send("POST", challenge, harness.close(channel, 1_500))))
        .isEqualTo(ProblemType.VERIFICATION_FAILED);
    Decision.Acknowledged closed =
        acknowledged(harness.send("POST", challenge, harness.close(channel, 2_000)));

    assertThat(closed.receipt().text("txHash")).isPresent();
    assertThat(
            CHAIN
                .balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address())
                .subtract(payeeBefore))
        .isEqualTo(BigInteger.valueOf(2_000));
    assertThat(
            CHAIN
                .balance(LocalTempoChain.PATH_USD, channel.payer().address())
                .subtract(payerBefore))
        .isEqualTo(BigInteger.valueOf(48_000));
    assertThat(harness.onChain(channel.id()).finalized()).isTrue();
    Decision after = harness.send("POST", challenge, harness.voucher(channel, 7_000));
    assertThat(problem(after)).isEqualTo(ProblemType.SESSION_CHANNEL_FINALIZED);
    assertThat(after.status()).isEqualTo(410);
  }
}
