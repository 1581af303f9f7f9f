package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ProblemType;
import org.junit.jupiter.api.Test;

/**
 * The bound on broadcasts waiting for their receipt (issue 10, settlement that resists abuse): per
 * payer and in total, refused at once with a 503 the client may retry (nothing kept claimed), and
 * every slot comes back when its permit is closed.
 */
class BroadcastLimiterTest {
  private static final String ALICE = "0x" + "a1".repeat(20);
  private static final String BOB = "0x" + "b2".repeat(20);
  private static final String CAROL = "0x" + "c3".repeat(20);

  private static PaymentExceptions.ServiceUnavailable refusal(
      BroadcastLimiter limiter, String payer) {
    return catchThrowableOfType(
        PaymentExceptions.ServiceUnavailable.class, () -> limiter.acquire(payer));
  }

  private static void assertRetryable503(PaymentExceptions.ServiceUnavailable refused) {
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(refused.type().status()).isEqualTo(503);
    assertThat(refused.isOutcomeUnknown()).as("the challenge is released, nothing kept").isFalse();
  }

  @Test
  void acquireWhenPayerHoldsItsShareThenRefusedWhileOthersStillBroadcast() {
    BroadcastLimiter limiter = new BroadcastLimiter(4, 2);
    limiter.acquire(ALICE);
    limiter.acquire(ALICE);

    PaymentExceptions.ServiceUnavailable refused = refusal(limiter, ALICE);

    assertRetryable503(refused);
    assertThat(refused.detail()).contains("Too many payments from this payer");
    assertThat(limiter.acquire(BOB)).as("another payer").isNotNull();
    assertThat(limiter.acquire(BOB)).as("the refusal took no slot of the total").isNotNull();
  }

  @Test
  void acquireWhenTotalIsTakenThenRefusedForEveryPayer() {
    BroadcastLimiter limiter = new BroadcastLimiter(2, 2);
    limiter.acquire(ALICE);
    limiter.acquire(BOB);

    PaymentExceptions.ServiceUnavailable refused = refusal(limiter, CAROL);

    assertRetryable503(refused);
    assertThat(refused.detail()).contains("Too many payments are being confirmed");
    assertRetryable503(refusal(limiter, ALICE));
  }

  @Test
  void acquireWhenPermitsClosedThenSlotsReturnedInTotalAndPerPayer() {
    BroadcastLimiter limiter = new BroadcastLimiter(2, 1);
    BroadcastLimiter.Permit alice = limiter.acquire(ALICE);
    BroadcastLimiter.Permit bob = limiter.acquire(BOB);
    assertRetryable503(refusal(limiter, CAROL));
    assertRetryable503(refusal(limiter, ALICE));

    alice.close();
    bob.close();

    try (BroadcastLimiter.Permit again = limiter.acquire(ALICE);
        BroadcastLimiter.Permit carol = limiter.acquire(CAROL)) {
      assertThat(again).isNotNull();
      assertThat(carol).isNotNull();
    }
    for (int round = 0; round < 3; round++) {
      try (BroadcastLimiter.Permit permit = limiter.acquire(ALICE)) {
        assertThat(permit).as("round %d", round).isNotNull();
      }
    }
  }
}
