package io.mpp4j.core;

import java.time.Duration;

/**
 * Charges units while a response streams (draft-tempo-session-00 §"Insufficient Balance During
 * Streaming"): each call charges before the units are delivered; when the paid amount runs out it
 * tells the client what it needs and waits for a voucher.
 *
 * @since 0.2.0
 */
public interface Meter {

  /** What a paused stream tells the client it needs. */
  record Need(
      String channelId, String requiredCumulative, String acceptedCumulative, String deposit) {}

  /** Called when the stream must pause for a voucher; the transport writes the need out. */
  @FunctionalInterface
  interface NeedListener {
    void needVoucher(Need need);
  }

  /**
   * Charges {@code units} now, waiting up to {@code maxWait} for a voucher when the paid amount
   * does not cover them. With a zero {@code maxWait} (a caller that cannot pause, such as a
   * JSON-RPC call whose result is withheld instead) {@code onNeed} hears what is missing and the
   * call returns false at once, recording no paused stream.
   *
   * @return false when no voucher arrived in time, or a newer stream on the same channel took over
   *     (draft-tempo-session-00 §"Concurrency Model"); nothing was charged: stop delivering
   * @throws PaymentException when the channel can no longer pay (closed, finalized)
   */
  boolean charge(long units, Duration maxWait, NeedListener onNeed);

  /** The receipt as of now (accepted and spent amounts). */
  Receipt receipt();
}
