package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.SessionExceptions;
import java.math.BigInteger;

/**
 * The accounting rules of a channel (draft-tempo-session-00 §"Voucher Verification" steps 5-9,
 * §"Per-Request Processing"), as pure functions from one {@link ChannelState} to the next, applied
 * inside a compare-and-set: accepted amounts only grow, never above the deposit and by at least
 * {@code minVoucherDelta}; service is reserved before it is delivered and never beyond what the
 * vouchers cover.
 */
final class SessionLedger {
  private SessionLedger() {}

  /**
   * Refuses a channel that can no longer pay: finalized, closing, or with a pending close request.
   */
  static void requireLive(ChannelState state) {
    if (state.finalized()) {
      throw new SessionExceptions.ChannelFinalized("The channel is closed.", state.channelId());
    }
    if (state.closing()) {
      throw new SessionExceptions.ChannelFinalized(
          "The channel is being closed.", state.channelId());
    }
    if (state.closeRequestedAt() != 0) {
      throw new SessionExceptions.ChannelFinalized(
          "The payer has requested to close the channel.", state.channelId());
    }
  }

  /**
   * The checks of a voucher that need no signature (§"Denial of Service"): an amount below the
   * accepted one, or an increase below {@code minVoucherDelta}, is refused before any ECDSA.
   */
  static void precheck(ChannelState state, BigInteger amount, BigInteger minDelta) {
    int order = amount.compareTo(state.accepted());
    if (order < 0) {
      throw belowAccepted(state);
    }
    if (order > 0 && amount.subtract(state.accepted()).compareTo(minDelta) < 0) {
      throw deltaTooSmall(state, minDelta);
    }
  }

  /**
   * The state after accepting a voucher whose signature was checked: the same state for the
   * accepted amount (an idempotent retry), a higher accepted amount otherwise.
   */
  static ChannelState acceptVoucher(
      ChannelState state, BigInteger amount, String signature, BigInteger minDelta) {
    requireLive(state);
    int order = amount.compareTo(state.accepted());
    if (order == 0 && state.signature() != null) {
      return state;
    }
    if (order < 0) {
      throw belowAccepted(state);
    }
    if (amount.compareTo(state.deposit()) > 0) {
      throw new SessionExceptions.AmountExceedsDeposit(
          "The voucher amount exceeds the channel deposit " + state.deposit() + ".",
          state.channelId());
    }
    if (amount.compareTo(state.settled()) < 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The voucher amount is below what the channel has already settled.");
    }
    if (order > 0 && amount.subtract(state.accepted()).compareTo(minDelta) < 0) {
      throw deltaTooSmall(state, minDelta);
    }
    return state.withVoucher(amount, signature);
  }

  private static PaymentExceptions.VerificationFailed belowAccepted(ChannelState state) {
    return new PaymentExceptions.VerificationFailed(
        "The voucher amount is below the highest accepted amount " + state.accepted() + ".");
  }

  private static SessionExceptions.DeltaTooSmall deltaTooSmall(
      ChannelState state, BigInteger minDelta) {
    return new SessionExceptions.DeltaTooSmall(
        "The voucher adds less than the minimum voucher delta " + minDelta + ".",
        state.channelId());
  }

  /** The state after charging {@code units} at {@code price} each. */
  static ChannelState charge(ChannelState state, BigInteger price, long units) {
    requireLive(state);
    BigInteger cost = price.multiply(BigInteger.valueOf(units));
    BigInteger available = state.available();
    if (available.compareTo(cost) < 0) {
      throw new SessionExceptions.InsufficientBalance(
          "The vouchers received do not cover this request.",
          state.channelId(),
          cost.subtract(available));
    }
    return state.withSpent(state.spent().add(cost), state.units() + units);
  }

  /** The state after giving back {@code units} at {@code price} each (a failed handler). */
  static ChannelState refund(ChannelState state, BigInteger price, long units) {
    if (units == 0 || state.finalized() || state.closing()) {
      return state;
    }
    BigInteger cost = price.multiply(BigInteger.valueOf(units));
    return state.withSpent(
        state.spent().subtract(cost).max(state.settled()), Math.max(0, state.units() - units));
  }
}
