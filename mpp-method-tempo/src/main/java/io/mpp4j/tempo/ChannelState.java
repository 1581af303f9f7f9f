package io.mpp4j.tempo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The server's accounting of one channel (draft-tempo-session-00 §"Server-Side Accounting"), kept
 * in the store under its lowercase id and changed only by compare-and-set: the highest voucher
 * accepted (amount and signature), what was spent, what is settled on chain, the deposit, the close
 * request, and the on-chain identity checked when the channel was first seen (payer, payee, token,
 * the voucher signer). {@code available = accepted - spent}.
 *
 * @param protocol {@code v1} or {@code v2}
 * @param signer who must sign vouchers, from on-chain state
 * @param accepted the highest voucher amount accepted
 * @param signature that voucher's signature (65-byte hex), or null before any
 * @param spent what delivered service consumed
 * @param units units charged so far
 * @param settled what the escrow has paid out to the payee
 * @param closeRequestedAt when the payer asked to close on chain (Unix seconds), or 0
 * @param closing a cooperative close is under way: nothing more is spent
 * @param finalized closed on chain
 * @param closeTx the close transaction's hash, or null
 * @param checkedAt when the on-chain state was last read (Unix seconds)
 * @param settledAt when the channel was last settled or opened (Unix seconds)
 * @param needed the cumulative amount a paused stream waits for, or 0
 * @param neededUntil until when that stream waits (Unix seconds)
 */
record ChannelState(
    String channelId,
    String protocol,
    String escrow,
    long chainId,
    String payer,
    String payee,
    String token,
    String signer,
    BigInteger deposit,
    BigInteger accepted,
    String signature,
    BigInteger spent,
    long units,
    BigInteger settled,
    long closeRequestedAt,
    boolean closing,
    boolean finalized,
    String closeTx,
    long checkedAt,
    long settledAt,
    BigInteger needed,
    long neededUntil) {

  BigInteger available() {
    return accepted.subtract(spent).max(BigInteger.ZERO);
  }

  /** What the payee is owed on close: at least what was spent and what is already settled. */
  BigInteger owed() {
    return spent.max(settled);
  }

  ChannelState withVoucher(BigInteger amount, String voucherSignature) {
    Copy c = new Copy(this);
    c.accepted = amount;
    c.signature = voucherSignature;
    return c.build();
  }

  ChannelState withSpent(BigInteger newSpent, long newUnits) {
    Copy c = new Copy(this);
    c.spent = newSpent;
    c.units = newUnits;
    return c.build();
  }

  /** The state after reading the escrow at {@code now}. */
  ChannelState withOnChain(
      BigInteger newDeposit,
      BigInteger newSettled,
      long newCloseRequestedAt,
      boolean newFinalized,
      long now) {
    Copy c = new Copy(this);
    c.deposit = newDeposit;
    c.settled = settled.max(newSettled);
    c.closeRequestedAt = newCloseRequestedAt;
    c.finalized = finalized || newFinalized;
    c.checkedAt = now;
    return c.build();
  }

  ChannelState withSettled(BigInteger newSettled, long now) {
    Copy c = new Copy(this);
    c.settled = settled.max(newSettled);
    c.settledAt = now;
    return c.build();
  }

  /** Whether a paused stream still waits for a voucher of at least {@code amount}. */
  boolean awaits(BigInteger amount, long now) {
    return needed.signum() > 0 && neededUntil >= now && amount.compareTo(needed) >= 0;
  }

  /** A stream paused for {@code amount} until {@code until}; zero clears it. */
  ChannelState withNeed(BigInteger amount, long until) {
    Copy c = new Copy(this);
    c.needed = amount;
    c.neededUntil = until;
    return c.build();
  }

  ChannelState withClosing(boolean newClosing) {
    Copy c = new Copy(this);
    c.closing = newClosing;
    return c.build();
  }

  ChannelState withFinalized(BigInteger newSettled, String tx) {
    Copy c = new Copy(this);
    c.settled = settled.max(newSettled);
    c.closing = true;
    c.finalized = true;
    c.closeTx = tx;
    return c.build();
  }

  /** The first state of a channel read from the escrow: nothing accepted beyond what is settled. */
  static ChannelState fromChain(
      String channelId, String escrow, long chainId, Escrow.OnChain onChain, long now) {
    return new ChannelState(
        channelId,
        Voucher.Protocol.V1.wire,
        escrow,
        chainId,
        onChain.payer(),
        onChain.payee(),
        onChain.token(),
        onChain.voucherSigner(),
        onChain.deposit(),
        onChain.settled(),
        null,
        onChain.settled(),
        0,
        onChain.settled(),
        onChain.closeRequestedAt(),
        false,
        onChain.finalized(),
        null,
        now,
        now,
        BigInteger.ZERO,
        0);
  }

  /** A mutable copy for the {@code with...} methods. */
  private static final class Copy {
    private final ChannelState from;
    BigInteger deposit;
    BigInteger accepted;
    String signature;
    BigInteger spent;
    long units;
    BigInteger settled;
    long closeRequestedAt;
    boolean closing;
    boolean finalized;
    String closeTx;
    long checkedAt;
    long settledAt;
    BigInteger needed;
    long neededUntil;

    Copy(ChannelState s) {
      this.from = s;
      deposit = s.deposit;
      accepted = s.accepted;
      signature = s.signature;
      spent = s.spent;
      units = s.units;
      settled = s.settled;
      closeRequestedAt = s.closeRequestedAt;
      closing = s.closing;
      finalized = s.finalized;
      closeTx = s.closeTx;
      checkedAt = s.checkedAt;
      settledAt = s.settledAt;
      needed = s.needed;
      neededUntil = s.neededUntil;
    }

    ChannelState build() {
      return new ChannelState(
          from.channelId,
          from.protocol,
          from.escrow,
          from.chainId,
          from.payer,
          from.payee,
          from.token,
          from.signer,
          deposit,
          accepted,
          signature,
          spent,
          units,
          settled,
          closeRequestedAt,
          closing,
          finalized,
          closeTx,
          checkedAt,
          settledAt,
          needed,
          neededUntil);
    }
  }

  /** Format version of {@link #encode()}. */
  private static final String FORMAT = "cs1";

  private static final int FIELDS = 23;

  /**
   * The stored form: {@code cs1|} and the fields in declaration order separated by {@code |}
   * (lowercase hex, decimal integers, booleans; absent values empty), cheap to write and read on
   * every paid request.
   */
  byte[] encode() {
    StringBuilder out = new StringBuilder(512).append(FORMAT);
    for (Object field :
        new Object[] {
          channelId,
          protocol,
          escrow,
          chainId,
          payer,
          payee,
          token,
          signer,
          deposit,
          accepted,
          signature,
          spent,
          units,
          settled,
          closeRequestedAt,
          closing,
          finalized,
          closeTx,
          checkedAt,
          settledAt,
          needed,
          neededUntil
        }) {
      out.append('|').append(field == null ? "" : field.toString());
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads a stored state.
   *
   * @throws IllegalStateException when the bytes are not a channel state (a corrupt store)
   */
  static ChannelState decode(byte[] bytes) {
    String[] f = new String(bytes, StandardCharsets.US_ASCII).split("\\|", -1);
    if (f.length != FIELDS || !FORMAT.equals(f[0])) {
      throw new IllegalStateException("stored channel state is malformed");
    }
    try {
      return new ChannelState(
          required(f[1]),
          required(f[2]),
          required(f[3]),
          Long.parseLong(f[4]),
          required(f[5]),
          required(f[6]),
          required(f[7]),
          required(f[8]),
          new BigInteger(f[9]),
          new BigInteger(f[10]),
          optional(f[11]),
          new BigInteger(f[12]),
          Long.parseLong(f[13]),
          new BigInteger(f[14]),
          Long.parseLong(f[15]),
          Boolean.parseBoolean(f[16]),
          Boolean.parseBoolean(f[17]),
          optional(f[18]),
          Long.parseLong(f[19]),
          Long.parseLong(f[20]),
          new BigInteger(f[21]),
          Long.parseLong(f[22]));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("stored channel state is malformed", e);
    }
  }

  private static String required(String value) {
    if (value.isEmpty()) {
      throw new IllegalStateException("stored channel state lacks a field");
    }
    return value;
  }

  private static String optional(String value) {
    return value.isEmpty() ? null : value;
  }
}
