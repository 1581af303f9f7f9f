package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A subscription's stored form and its period arithmetic (chain seconds from the anchor). */
class SubscriptionRecordTest {
  static SubscriptionRecord activating() {
    return new SubscriptionRecord(
        "sub-1",
        Status.ACTIVATING,
        "plan",
        "GET /api/subscribed",
        BigInteger.valueOf(1_000_000),
        "0x20c0000000000000000000000000000000000000",
        "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        31337,
        86_400,
        "order-7",
        "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
        "0x1111111111111111111111111111111111111111",
        "sealed",
        true,
        2_000_000_000L,
        0,
        -1,
        null,
        0,
        0,
        null,
        null,
        0,
        "challenge",
        "fingerprint");
  }

  @Test
  void recordWhenWrittenAndReadThenEqual() {
    SubscriptionRecord record =
        activating()
            .sending(0, "0xaa", 100)
            .charged(0, "0xaa", 1_000, 1_000)
            .sending(1, "0xbb", 2_000)
            .failed(1, 90_000, "reverted", true)
            .cancelled(87_400);

    assertThat(SubscriptionRecord.fromBytes(record.toBytes())).isEqualTo(record);
    assertThat(SubscriptionRecord.fromBytes(activating().toBytes())).isEqualTo(activating());
  }

  @Test
  void chargeWhenSettledThenAnchoredAndPeriodsFollowFromIt() {
    SubscriptionRecord active =
        activating().sending(0, "0xaa", 100).charged(0, "0xaa", 1_000, 1_000);

    assertThat(active.status()).isEqualTo(Status.ACTIVE);
    assertThat(active.anchor()).isEqualTo(1_000);
    assertThat(active.inFlight()).isNull();
    assertThat(active.periodAt(1_000)).isZero();
    assertThat(active.periodAt(1_000 + 86_399)).isZero();
    assertThat(active.periodAt(1_000 + 86_400)).isEqualTo(1);
    assertThat(active.paidThrough()).isEqualTo(1_000 + 86_400);
    assertThat(active.entryId(3, 2)).isEqualTo("subscription:sub-1:3:2");
  }

  @Test
  void chargeWhenFailedThenPastDueOrFailedActivationAndAttemptsCounted() {
    SubscriptionRecord active =
        activating().sending(0, "0xaa", 100).charged(0, "0xaa", 1_000, 1_000);

    SubscriptionRecord pastDue = active.failed(1, 90_000, "balance", false);
    SubscriptionRecord failedActivation =
        activating().sending(0, "0xaa", 100).failed(0, 5, "r", true);

    assertThat(pastDue.status()).isEqualTo(Status.PAST_DUE);
    assertThat(pastDue.attempts()).isEqualTo(2);
    assertThat(pastDue.failure().reason()).isEqualTo("balance");
    assertThat(failedActivation.status()).isEqualTo(Status.FAILED);
    assertThat(failedActivation.attempts()).isEqualTo(1);
    assertThat(pastDue.sending(1, "0xcc", 9).charged(1, "0xcc", 90_100, 0).status())
        .isEqualTo(Status.ACTIVE);
  }

  @Test
  void viewWhenActiveThenNoKeyMaterialAndTimesInInstants() {
    TempoSubscription view =
        activating().sending(0, "0xaa", 100).charged(0, "0xaa", 1_000, 1_000).view();

    assertThat(view.toString()).doesNotContain("sealed");
    assertThat(view.anchor().getEpochSecond()).isEqualTo(1_000);
    assertThat(view.paidThrough().getEpochSecond()).isEqualTo(87_400);
    assertThat(view.cancelAt()).isNull();
  }
}
