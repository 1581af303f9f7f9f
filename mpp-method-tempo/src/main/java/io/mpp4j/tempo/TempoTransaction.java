package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Tempo transaction (EIP-2718 type {@code 0x76}) and its fee-payer wire form ({@code 0x78}), as
 * laid out in tempoxyz/tempo {@code tempo_transaction.rs}: decoded strictly, re-encoded byte for
 * byte, with the sender and fee-payer signing hashes.
 *
 * @param chainId chain id
 * @param maxPriorityFeePerGas priority fee cap
 * @param maxFeePerGas fee cap
 * @param gasLimit gas limit
 * @param calls the batched calls, never empty
 * @param accessList EIP-2930 access list, kept as RLP
 * @param nonceKey 2D nonce lane ({@link #EXPIRING_NONCE_KEY} for expiring nonces)
 * @param nonce nonce within the lane
 * @param validBefore last second the transaction is valid, or null
 * @param validAfter first second the transaction is valid, or null
 * @param feeToken TIP-20 fee token (lowercase address), or null
 * @param feePayer the fee-payer slot
 * @param authorizationList EIP-7702-style authorizations, kept as RLP
 * @param keyAuthorization access-key authorization, kept as RLP, or null
 * @param senderSignature the sender's signature envelope, or null when unsigned
 */
record TempoTransaction(
    BigInteger chainId,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerGas,
    BigInteger gasLimit,
    List<Call> calls,
    Rlp.Items accessList,
    BigInteger nonceKey,
    BigInteger nonce,
    BigInteger validBefore,
    BigInteger validAfter,
    String feeToken,
    FeePayerSlot feePayer,
    Rlp.Items authorizationList,
    Rlp.Items keyAuthorization,
    Rlp.Bytes senderSignature) {

  static final int TYPE = 0x76;
  static final int FEE_PAYER_TYPE = 0x78;
  static final BigInteger EXPIRING_NONCE_KEY =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  TempoTransaction {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(gasLimit, "gasLimit");
    calls = List.copyOf(calls);
    Objects.requireNonNull(accessList, "accessList");
    Objects.requireNonNull(nonceKey, "nonceKey");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(feePayer, "feePayer");
    Objects.requireNonNull(authorizationList, "authorizationList");
  }

  /** One call of the batch. */
  record Call(String to, BigInteger value, byte[] input) {
    Call {
      Objects.requireNonNull(value, "value");
      input = input.clone();
    }

    @Override
    public byte[] input() {
      return input.clone();
    }

    Rlp.Items toRlp() {
      return Rlp.list(
          Rlp.bytes(to == null ? new byte[0] : Hex.decode(to, 20)),
          Rlp.integer(value),
          Rlp.bytes(input));
    }
  }

  /** What the fee-payer slot holds. */
  sealed interface FeePayerSlot {}

  /** {@code 0x80}: the sender pays its own fees. */
  record NoFeePayer() implements FeePayerSlot {}

  /** {@code 0x00}: signed by the sender, awaiting a sponsor. */
  record AwaitingFeePayer() implements FeePayerSlot {}

  /** The sender's address: the {@code 0x78} form handed to a sponsor. */
  record SenderAddress(String address) implements FeePayerSlot {}

  /** {@code [yParity, r, s]}: co-signed by the sponsor. */
  record FeePayerSignature(Secp256k1.Signature signature) implements FeePayerSlot {}

  /**
   * The sender: recovered from a secp256k1 signature (low {@code s} only, so a transaction has one
   * hash). Other signature types (P256, WebAuthn, keychain) are not accepted.
   *
   * @throws IllegalArgumentException when the transaction is unsigned, the signature is not a valid
   *     secp256k1 signature, or the {@code 0x78} form names another sender
   */
  String sender() {
    if (senderSignature == null) {
      throw new IllegalArgumentException("transaction is not signed by its sender");
    }
    if (senderSignature.length() != 65) {
      throw new IllegalArgumentException("only secp256k1 sender signatures are accepted");
    }
    Secp256k1.Signature signature = Secp256k1.Signature.fromBytes65(senderSignature.value());
    if (!signature.isLowS()) {
      throw new IllegalArgumentException("sender signature must have a low s");
    }
    String sender =
        Secp256k1.recover(senderSigningHash(), signature)
            .orElseThrow(() -> new IllegalArgumentException("sender signature is invalid"));
    if (feePayer instanceof SenderAddress named && !named.address().equals(sender)) {
      throw new IllegalArgumentException("fee-payer form names another sender");
    }
    return sender;
  }

  /** Whether a sponsor pays (or is asked to pay) the fees. */
  boolean isSponsored() {
    return !(feePayer instanceof NoFeePayer);
  }

  TempoTransaction withFeeToken(String token) {
    return with(token, feePayer, senderSignature);
  }

  TempoTransaction withFeePayer(FeePayerSlot slot) {
    return with(feeToken, slot, senderSignature);
  }

  TempoTransaction withSenderSignature(byte[] signature) {
    return with(feeToken, feePayer, signature == null ? null : Rlp.bytes(signature));
  }

  private TempoTransaction with(String token, FeePayerSlot slot, Rlp.Bytes signature) {
    return new TempoTransaction(
        chainId,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        calls,
        accessList,
        nonceKey,
        nonce,
        validBefore,
        validAfter,
        token,
        slot,
        authorizationList,
        keyAuthorization,
        signature);
  }

  /** The signed {@code 0x76} envelope (or the {@code 0x78} form when the slot holds the sender). */
  byte[] encode() {
    int type = feePayer instanceof SenderAddress ? FEE_PAYER_TYPE : TYPE;
    List<Rlp.Item> fields = fields(feeToken, slot(feePayer));
    if (senderSignature != null) {
      fields.add(senderSignature);
    }
    return typed(type, fields);
  }

  /** {@code keccak256} of the envelope: the transaction hash once both signatures are in. */
  byte[] hash() {
    return Keccak.hash(encode());
  }

  /** What the sender signs; a sponsored sender commits to neither fee token nor sponsor. */
  byte[] senderSigningHash() {
    return Keccak.hash(senderSigningPayload());
  }

  /** The bytes whose hash the sender signs ({@code encodeForSigning}). */
  byte[] senderSigningPayload() {
    boolean sponsored = isSponsored();
    List<Rlp.Item> fields =
        fields(
            sponsored ? null : feeToken,
            sponsored ? Rlp.bytes(new byte[] {0}) : Rlp.bytes(new byte[0]));
    return typed(TYPE, fields);
  }

  /** What the sponsor signs: domain {@code 0x78}, the actual fee token and the sender. */
  byte[] feePayerSigningHash(String sender) {
    return Keccak.hash(typed(FEE_PAYER_TYPE, fields(feeToken, Rlp.bytes(Hex.decode(sender, 20)))));
  }

  private List<Rlp.Item> fields(String token, Rlp.Item slot) {
    List<Rlp.Item> calls = new ArrayList<>();
    for (Call call : this.calls) {
      calls.add(call.toRlp());
    }
    List<Rlp.Item> fields = new ArrayList<>();
    fields.add(Rlp.integer(chainId));
    fields.add(Rlp.integer(maxPriorityFeePerGas));
    fields.add(Rlp.integer(maxFeePerGas));
    fields.add(Rlp.integer(gasLimit));
    fields.add(Rlp.list(calls));
    fields.add(accessList);
    fields.add(Rlp.integer(nonceKey));
    fields.add(Rlp.integer(nonce));
    fields.add(Rlp.integer(validBefore == null ? BigInteger.ZERO : validBefore));
    fields.add(Rlp.integer(validAfter == null ? BigInteger.ZERO : validAfter));
    fields.add(Rlp.bytes(token == null ? new byte[0] : Hex.decode(token, 20)));
    fields.add(slot);
    fields.add(authorizationList);
    if (keyAuthorization != null) {
      fields.add(keyAuthorization);
    }
    return fields;
  }

  private static Rlp.Item slot(FeePayerSlot slot) {
    if (slot instanceof AwaitingFeePayer) {
      return Rlp.bytes(new byte[] {0});
    }
    if (slot instanceof SenderAddress a) {
      return Rlp.bytes(Hex.decode(a.address(), 20));
    }
    if (slot instanceof FeePayerSignature f) {
      Secp256k1.Signature sig = f.signature();
      return Rlp.list(Rlp.integer(sig.yParity()), Rlp.integer(sig.r()), Rlp.integer(sig.s()));
    }
    return Rlp.bytes(new byte[0]);
  }

  private static byte[] typed(int type, List<Rlp.Item> fields) {
    byte[] body = Rlp.encode(Rlp.list(fields));
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) type;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /**
   * Decodes a {@code 0x76} envelope or its {@code 0x78} fee-payer form.
   *
   * @throws Rlp.RlpException when the bytes are not such a transaction
   */
  static TempoTransaction decode(byte[] raw) {
    return TempoTransactionDecoder.decode(raw);
  }
}
