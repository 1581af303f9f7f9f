package io.mpp4j.tempo;

import static io.mpp4j.tempo.SessionDecisions.paid;
import static io.mpp4j.tempo.SessionDecisions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.MutableClock;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way an {@code open} can be wrong (draft-tempo-session-00 §"Open Verification" step 1) is
 * refused on a local chain with the spec's problem type before anything is sent: the channel does
 * not exist afterwards, the transaction is unknown to the chain and the payer's balance (which pays
 * deposits and fees) has not moved. An open transaction already used is refused on a paid request
 * ({@code session/insufficient-balance}: it brings no new money), and a {@code topUp} on an expired
 * challenge is {@code session/challenge-not-found} (§"TopUp Payload").
 */
class SessionFundingRefusalsTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final long DEPOSIT = 100_000;
  private static final String STRANGER = "0x00000000000000000000000000000000000bad01";
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    String escrow = LocalEscrow.install(CHAIN);
    harness =
        new SessionHarness(
            CHAIN,
            escrow,
            new MemoryStore(),
            "0.001",
            TempoSessionSettings.builder().minDeposit("0.05"),
            false,
            CLOCK);
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  /** One tampered part of an open, and the refusal it must get. */
  private record Case(String name, Consumer<SessionOpen> tamper, ProblemType type, String detail) {}

  private static List<Case> cases() {
    byte[] transfer =
        Tip20.encodeTransfer(CHAIN.merchant().address(), BigInteger.valueOf(DEPOSIT), null);
    ProblemType failed = ProblemType.VERIFICATION_FAILED;
    return List.of(
        new Case("another chain", o -> o.chainId = 4217, failed, "another chain"),
        new Case(
            "already co-signed by a fee payer",
            o -> o.sponsorKey = CHAIN.sponsor().key(),
            failed,
            "already co-signed"),
        new Case(
            "fee sponsorship this challenge does not offer",
            o -> o.awaitingSponsor = true,
            failed,
            "does not sponsor"),
        new Case("no fee token", o -> o.feeToken = null, failed, "must name its fee token"),
        new Case(
            "an extra call",
            o ->
                o.extraCalls.add(
                    new TempoTransaction.Call(LocalTempoChain.PATH_USD, BigInteger.ZERO, transfer)),
            failed,
            "unauthorized extra calls"),
        new Case(
            "a call carrying value",
            o -> o.openValue = BigInteger.ONE,
            failed,
            "unauthorized call"),
        new Case(
            "a transfer instead of the approve",
            o -> o.firstCall = transfer,
            failed,
            "must approve the escrow"),
        new Case(
            "an approve of another spender",
            o -> o.firstCall = SessionHarness.approve(STRANGER, o.deposit),
            failed,
            "must approve the escrow"),
        new Case(
            "an approve below the deposit",
            o -> o.firstCall = SessionHarness.approve(o.escrow, o.deposit.subtract(BigInteger.ONE)),
            failed,
            "must approve the escrow"),
        new Case(
            "an approve on another token",
            o -> o.approveToken = LocalTempoChain.ALPHA_USD,
            failed,
            "must approve the escrow"),
        new Case("another escrow", o -> o.escrow = STRANGER, failed, "does not open a channel"),
        new Case("another payee", o -> o.payee = STRANGER, failed, "payee is not"),
        new Case("another token", o -> o.token = LocalTempoChain.ALPHA_USD, failed, "token is not"),
        new Case(
            "another channel id",
            o -> o.payloadChannelId = "0x" + "ab".repeat(32),
            failed,
            "does not match payload.channelId"),
        new Case(
            "a deposit below the minimum",
            o -> o.deposit = BigInteger.valueOf(49_999),
            failed,
            "below this server's minimum deposit"),
        new Case(
            "a payload authorizedSigner the transaction does not authorize",
            o -> o.payloadSigner = STRANGER,
            failed,
            "authorizedSigner"),
        new Case(
            "an expired transaction",
            o -> o.validBefore = BigInteger.valueOf(CLOCK.instant().getEpochSecond() - 1),
            ProblemType.PAYMENT_EXPIRED,
            "expired"),
        new Case(
            "a transaction valid long after the challenge",
            o -> o.validBefore = BigInteger.valueOf(CLOCK.instant().getEpochSecond() + 3_600),
            failed,
            "after the challenge expires"),
        new Case("a high-s (malleated) sender signature", o -> o.highS = true, failed, "low s"));
  }

  @TestFactory
  Stream<DynamicTest> openWhenAnyPartIsWrongThenRefusedAndNothingSent() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertRefusedAndNotSent(c)));
  }

  private static void assertRefusedAndNotSent(Case c) {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), DEPOSIT);
    c.tamper().accept(open);
    String payer = open.payer.address();
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, payer);

    Decision decision = harness.send("GET", harness.challenge(), open.payload());

    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.PaymentRequired.class);
    Decision.PaymentRequired refused = (Decision.PaymentRequired) decision;
    assertThat(refused.problem().type()).as(refused.problem().toJson()).isEqualTo(c.type());
    assertThat(refused.problem().detail()).contains(c.detail());
    assertThat(harness.onChain(open.channelId()).exists()).isFalse();
    assertThat(CHAIN.rpc("eth_getTransactionByHash", open.transactionHash()).isNull()).isTrue();
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, payer)).isEqualTo(before);
  }

  @Test
  void openWhenNothingIsWrongThenTheSameBuilderOpensTheChannel() {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), DEPOSIT);

    Decision decision = harness.send("GET", harness.challenge(), open.payload());

    paid(decision).settlement().complete();
    assertThat(harness.onChain(open.channelId()).deposit()).isEqualTo(BigInteger.valueOf(DEPOSIT));
  }

  @Test
  void openWhenTheUsedTransactionIsSentAgainThenRefusedAndNothingPaidTwice() {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), DEPOSIT);
    ObjectNode payload = open.payload();
    Decision first = harness.send("GET", harness.challenge(), payload);
    paid(first).settlement().complete();
    BigInteger payerAfterOpen = CHAIN.balance(LocalTempoChain.PATH_USD, open.payer.address());

    Decision again = harness.send("GET", harness.challenge(), payload);

    assertThat(problem(again)).isEqualTo(ProblemType.SESSION_INSUFFICIENT_BALANCE);
    assertThat(((Decision.PaymentRequired) again).problem().toJson())
        .contains("\"requiredTopUp\":\"1000\"");
    assertThat(harness.onChain(open.channelId()).deposit()).isEqualTo(BigInteger.valueOf(DEPOSIT));
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, open.payer.address()))
        .isEqualTo(payerAfterOpen);
  }

  @Test
  void topUpWhenChallengeExpiredThenChallengeNotFoundAndNothingSent() {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), DEPOSIT);
    Decision opened = harness.send("GET", harness.challenge(), open.payload());
    paid(opened).settlement().complete();
    Challenge challenge = harness.challenge();
    ObjectNode topUp = harness.topUp(open.channel(), 5_000);

    CLOCK.advance(Duration.ofMinutes(10));
    Decision decision;
    try {
      decision = harness.send("POST", challenge, topUp);
    } finally {
      CLOCK.advance(Duration.ofMinutes(-10));
    }

    assertThat(problem(decision)).isEqualTo(ProblemType.SESSION_CHALLENGE_NOT_FOUND);
    assertThat(decision.status()).isEqualTo(402);
    assertThat(harness.onChain(open.channelId()).deposit()).isEqualTo(BigInteger.valueOf(DEPOSIT));
  }
}
