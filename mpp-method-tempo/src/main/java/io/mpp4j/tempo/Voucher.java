package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.SessionExceptions;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Session vouchers (draft-tempo-session-00 §"Voucher Signing Format"): the EIP-712 digest of {@code
 * Voucher(bytes32 channelId, uint128 cumulativeAmount)} under the escrow's domain ({@code "Tempo
 * Stream Channel"} for v1, {@code "TIP20 Channel Reserve"} with {@code uint96} amounts for v2), and
 * the signer check: low {@code s}, 65-byte or EIP-2098 compact signatures.
 */
final class Voucher {
  static final BigInteger UINT96_MAX = BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE);
  private static final byte[] DOMAIN_TYPEHASH =
      Keccak.hash(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
  private static final byte[] VERSION = Keccak.hash("1");
  private static final java.util.Map<String, byte[]> DOMAINS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A session protocol's voucher domain and amount width. */
  enum Protocol {
    V1("v1", "Tempo Stream Channel", "Voucher(bytes32 channelId,uint128 cumulativeAmount)", 128),
    V2("v2", "TIP20 Channel Reserve", "Voucher(bytes32 channelId,uint96 cumulativeAmount)", 96);

    final String wire;
    final byte[] nameHash;
    final byte[] typeHash;
    final BigInteger maxAmount;

    Protocol(String wire, String name, String type, int bits) {
      this.wire = wire;
      this.nameHash = Keccak.hash(name);
      this.typeHash = Keccak.hash(type);
      this.maxAmount = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    static Optional<Protocol> of(String wire) {
      for (Protocol p : values()) {
        if (p.wire.equals(wire)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }

  private Voucher() {}

  /** The EIP-712 domain separator of an escrow (computed once per escrow). */
  static byte[] domainSeparator(Protocol protocol, long chainId, String escrow) {
    String key = protocol.wire + ':' + chainId + ':' + escrow;
    byte[] cached = DOMAINS.get(key);
    if (cached == null) {
      cached = computeDomainSeparator(protocol, chainId, escrow);
      if (DOMAINS.size() < 1024) {
        DOMAINS.put(key, cached);
      }
    }
    return cached;
  }

  private static byte[] computeDomainSeparator(Protocol protocol, long chainId, String escrow) {
    return Keccak.hash(
        Abi.words(
            DOMAIN_TYPEHASH,
            protocol.nameHash,
            VERSION,
            Abi.uint(BigInteger.valueOf(chainId)),
            Abi.address(escrow)));
  }

  /** What the signer signs: {@code keccak256(0x1901 || domainSeparator || structHash)}. */
  static byte[] digest(
      byte[] domainSeparator, Protocol protocol, String channelId, BigInteger amount) {
    if (amount.signum() < 0 || amount.compareTo(protocol.maxAmount) > 0) {
      throw new IllegalArgumentException("voucher amount out of range");
    }
    byte[] struct =
        Keccak.hash(Abi.words(protocol.typeHash, Abi.bytes32(channelId), Abi.uint(amount)));
    return Keccak.hash(new byte[] {0x19, 0x01}, domainSeparator, struct);
  }

  static byte[] digest(
      Protocol protocol, long chainId, String escrow, String channelId, BigInteger amount) {
    return digest(domainSeparator(protocol, chainId, escrow), protocol, channelId, amount);
  }

  /**
   * Checks that {@code signature} over {@code digest} is canonical and by {@code expectedSigner}.
   *
   * @throws SessionExceptions.InvalidSignature when it is malformed, high-s or recovers nothing
   * @throws SessionExceptions.SignerMismatch when someone else signed
   */
  static void verify(byte[] digest, String signatureHex, String expectedSigner, String channelId) {
    Secp256k1.Signature signature = parse(signatureHex, channelId);
    if (!signature.isLowS()) {
      throw new SessionExceptions.InvalidSignature(
          "Voucher signature is not canonical (high s).", channelId);
    }
    if (Secp256k1.signedBy(digest, signature, expectedSigner)) {
      return;
    }
    if (Secp256k1.recover(digest, signature).isEmpty()) {
      throw new SessionExceptions.InvalidSignature(
          "Voucher signature could not be verified.", channelId);
    }
    throw new SessionExceptions.SignerMismatch(
        "Voucher is not signed by the channel's authorized signer.", channelId);
  }

  /** The 65-byte {@code r || s || v} form of a well-formed signature, for the escrow. */
  static byte[] canonical(String signatureHex, String channelId) {
    return parse(signatureHex, channelId).toBytes65();
  }

  private static Secp256k1.Signature parse(String signatureHex, String channelId) {
    if (signatureHex == null || (signatureHex.length() != 130 && signatureHex.length() != 132)) {
      throw new SessionExceptions.InvalidSignature(
          "Voucher signature must be 64 or 65 bytes of 0x-hex.", channelId);
    }
    try {
      return Secp256k1.Signature.fromBytes(Hex.decode(signatureHex));
    } catch (IllegalArgumentException e) {
      throw new SessionExceptions.InvalidSignature(
          "Voucher signature is malformed: " + e.getMessage() + ".", channelId);
    }
  }
}
