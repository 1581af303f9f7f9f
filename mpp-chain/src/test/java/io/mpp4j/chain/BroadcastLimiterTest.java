package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.PaymentExceptions;
import org.junit.jupiter.api.Test;

/** The bound on broadcasts waiting for their receipt. */
class BroadcastLimiterTest {
  @Test
  void acquireWhenPayerAtItsBoundThenServiceUnavailableUntilASlotIsReleased() {
    BroadcastLimiter limiter = new BroadcastLimiter(10, 2);
    BroadcastLimiter.Permit first = limiter.acquire("0xa");
    BroadcastLimiter.Permit second = limiter.acquire("0xa");

    assertThatThrownBy(() -> limiter.acquire("0xa"))
        .isInstanceOf(PaymentExceptions.ServiceUnavailable.class)
        .hasMessageContaining("this payer");
    limiter.acquire("0xb").close();

    first.close();
    limiter.acquire("0xa").close();
    second.close();
  }

  @Test
  void acquireWhenTotalBoundReachedThenEveryPayerWaitsAndRefusalsHoldNoSlot() {
    BroadcastLimiter limiter = new BroadcastLimiter(2, 5);
    BroadcastLimiter.Permit a = limiter.acquire("0xa");
    BroadcastLimiter.Permit b = limiter.acquire("0xb");

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> limiter.acquire("0xc"))
          .isInstanceOf(PaymentExceptions.ServiceUnavailable.class)
          .hasMessageContaining("Too many payments are being confirmed");
    }
    a.close();
    BroadcastLimiter.Permit c = limiter.acquire("0xc");
    assertThat(c).isNotNull();
    c.close();
    b.close();
    limiter.acquire("0xa").close();
    limiter.acquire("0xb").close();
  }
}
