package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * draft-tempo-session-00 §"Denial of Service" on a channel opened on the local chain: vouchers over
 * the per-channel rate limit are refused with 429 and change nothing, and an open below the minimum
 * deposit is refused before its transaction is sent.
 */
class SessionDosLocalChainTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final long PRICE = 1_000;
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness =
        new SessionHarness(
            CHAIN,
            LocalEscrow.install(CHAIN),
            new MemoryStore(),
            "0.001",
            TempoSessionSettings.builder().voucherRateLimit(1, 3).minDeposit("0.05"));
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  @Test
  void vouchersWhenOverTheChannelLimitThen429ChangingNothingAndAfterAPauseAccepted()
      throws Exception {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 100_000);
    Challenge challenge = harness.challenge();
    Decision open = harness.send("GET", challenge, harness.open(channel, PRICE));
    assertThat(open).as(() -> SessionHarness.describe(open)).isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) open).settlement().complete();
    long cumulative = PRICE;
    Decision refused = null;
    while (refused == null && cumulative < 10 * PRICE) {
      cumulative += PRICE;
      Decision decision = harness.send("POST", challenge, harness.voucher(channel, cumulative));
      if (!(decision instanceof Decision.Acknowledged)) {
        refused = decision;
      }
    }

    assertThat(cumulative / PRICE - 2)
        .as("vouchers accepted before the limit: at most the burst of 3")
        .isBetween(0L, 3L);
    assertThat(refused).isInstanceOf(Decision.Rejected.class);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(((Decision.Rejected) refused).retryAfterSeconds()).isEqualTo(1);
    Thread.sleep(1_100);
    Decision retry = harness.send("POST", challenge, harness.voucher(channel, cumulative - PRICE));
    assertThat(retry)
        .as("the refused voucher changed nothing: the one before it is still the accepted one")
        .isInstanceOf(Decision.Acknowledged.class);
    assertThat(((Decision.Acknowledged) retry).receipt().text("acceptedCumulative"))
        .contains(Long.toString(cumulative - PRICE));
    Thread.sleep(1_100);
    Decision later = harness.send("POST", challenge, harness.voucher(channel, cumulative));
    assertThat(((Decision.Acknowledged) later).receipt().text("acceptedCumulative"))
        .contains(Long.toString(cumulative));
  }

  @Test
  void openWhenDepositBelowMinimumThenRefusedBeforeTheTransactionIsSent() {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 49_999);
    BigInteger balance = CHAIN.balance(LocalTempoChain.PATH_USD, channel.payer().address());

    Decision decision = harness.send("GET", harness.challenge(), harness.open(channel, PRICE));

    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    var problem = ((Decision.PaymentRequired) decision).problem();
    assertThat(problem.type()).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(problem.detail()).contains("49999", "minimum deposit of 50000");
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, channel.payer().address()))
        .isEqualTo(balance);
    assertThat(harness.onChain(channel.id()).exists()).isFalse();
  }
}
