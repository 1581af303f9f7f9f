package io.mpp4j.tempo;

import static io.mpp4j.tempo.SessionDecisions.acknowledged;
import static io.mpp4j.tempo.SessionDecisions.paid;
import static io.mpp4j.tempo.SessionDecisions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may sign a channel's vouchers (draft-tempo-session-00 §"Signature Verification", §"Authorized
 * Signer"), on a local chain: the authorized signer the open transaction names — a delegate key,
 * not the payer, whose own signatures are then refused — or, when it names the zero address, the
 * payer.
 */
class SessionAuthorizedSignerTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final String ZERO = "0x0000000000000000000000000000000000000000";
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new SessionHarness(CHAIN, LocalEscrow.install(CHAIN), new MemoryStore(), "0.001");
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private static Decision post(
      SessionHarness.Channel channel, String action, long cumulative, BigInteger key) {
    return harness.send(
        "POST", harness.challenge(), harness.voucherPayload(action, channel, cumulative, key));
  }

  @Test
  void voucherWhenChannelDelegatesSigningThenDelegateAcceptedAndPayerRefused() {
    LocalTempoChain.DevAccount delegate = CHAIN.freshAccount();
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), 100_000);
    open.signer = delegate.address();
    open.voucherKey = delegate.key();

    paid(harness.send("GET", harness.challenge(), open.payload())).settlement().complete();
    SessionHarness.Channel channel = open.channel();
    Decision byDelegate = post(channel, "voucher", 3_000, delegate.key());
    Decision byPayer = post(channel, "voucher", 5_000, open.payer.key());
    Decision closeByPayer = post(channel, "close", 3_000, open.payer.key());

    assertThat(harness.onChain(channel.id()).authorizedSigner()).isEqualTo(delegate.address());
    assertThat(acknowledged(byDelegate).receipt().text("acceptedCumulative")).contains("3000");
    assertThat(problem(byPayer)).isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH);
    assertThat(problem(closeByPayer)).isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH);
    assertThat(harness.onChain(channel.id()).finalized()).isFalse();
  }

  @Test
  void openWhenItsVoucherIsSignedByThePayerInsteadOfTheDelegateThenSignerMismatch() {
    LocalTempoChain.DevAccount delegate = CHAIN.freshAccount();
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), 100_000);
    open.signer = delegate.address();
    open.voucherKey = open.payer.key();

    assertThat(problem(harness.send("GET", harness.challenge(), open.payload())))
        .isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH);
  }

  @Test
  void voucherWhenAuthorizedSignerIsZeroThenThePayerSigns() {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), 100_000);
    open.signer = ZERO;

    paid(harness.send("GET", harness.challenge(), open.payload())).settlement().complete();
    SessionHarness.Channel channel = open.channel();
    Decision byPayer = post(channel, "voucher", 3_000, open.payer.key());
    Decision byStranger = post(channel, "voucher", 5_000, CHAIN.freshAccount().key());

    assertThat(harness.onChain(channel.id()).authorizedSigner()).isEqualTo(ZERO);
    assertThat(acknowledged(byPayer).receipt().text("acceptedCumulative")).contains("3000");
    assertThat(problem(byStranger)).isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH);
  }

  @Test
  void openWhenSignerIsZeroAndPayloadNamesThePayerThenAccepted() {
    SessionOpen open = new SessionOpen(harness, CHAIN.freshAccount(), 100_000);
    open.signer = ZERO;
    open.payloadSigner = open.payer.address();

    Decision.Paid paid = paid(harness.send("GET", harness.challenge(), open.payload()));

    assertThat(paid.settlement().complete().text("spent")).contains("1000");
  }
}
