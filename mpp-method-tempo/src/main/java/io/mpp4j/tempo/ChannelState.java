package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Json;
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
    long settledAt) {

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
        now);
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
          settledAt);
    }
  }

  byte[] encode() {
    ObjectNode json = Json.object();
    json.put("channelId", channelId);
    json.put("protocol", protocol);
    json.put("escrow", escrow);
    json.put("chainId", chainId);
    json.put("payer", payer);
    json.put("payee", payee);
    json.put("token", token);
    json.put("signer", signer);
    json.put("deposit", deposit.toString());
    json.put("accepted", accepted.toString());
    if (signature != null) {
      json.put("signature", signature);
    }
    json.put("spent", spent.toString());
    json.put("units", units);
    json.put("settled", settled.toString());
    json.put("closeRequestedAt", closeRequestedAt);
    json.put("closing", closing);
    json.put("finalized", finalized);
    if (closeTx != null) {
      json.put("closeTx", closeTx);
    }
    json.put("checkedAt", checkedAt);
    json.put("settledAt", settledAt);
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a stored state.
   *
   * @throws IllegalStateException when the bytes are not a channel state (a corrupt store)
   */
  static ChannelState decode(byte[] bytes) {
    ObjectNode json;
    try {
      json = Json.parseObject(bytes);
    } catch (CodecException e) {
      throw new IllegalStateException("stored channel state is not JSON", e);
    }
    return new ChannelState(
        text(json, "channelId"),
        text(json, "protocol"),
        text(json, "escrow"),
        json.path("chainId").asLong(),
        text(json, "payer"),
        text(json, "payee"),
        text(json, "token"),
        text(json, "signer"),
        amount(json, "deposit"),
        amount(json, "accepted"),
        json.hasNonNull("signature") ? json.get("signature").asText() : null,
        amount(json, "spent"),
        json.path("units").asLong(),
        amount(json, "settled"),
        json.path("closeRequestedAt").asLong(),
        json.path("closing").asBoolean(),
        json.path("finalized").asBoolean(),
        json.hasNonNull("closeTx") ? json.get("closeTx").asText() : null,
        json.path("checkedAt").asLong(),
        json.path("settledAt").asLong());
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("stored channel state lacks " + name);
    }
    return value.asText();
  }

  private static BigInteger amount(JsonNode json, String name) {
    return new BigInteger(text(json, name));
  }
}
