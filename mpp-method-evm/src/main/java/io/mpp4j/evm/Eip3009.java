package io.mpp4j.evm;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * EIP-3009 ({@code transferWithAuthorization}) as tokens such as USDC implement it: the EIP-712
 * digest a payer signs, the call the server submits, the events it emits, and the challenge hash
 * draft-evm-charge-00 uses as the nonce of a native credential.
 */
final class Eip3009 {
  static final byte[] DOMAIN_TYPEHASH =
      Keccak.hash(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
  static final byte[] AUTHORIZATION_TYPEHASH =
      Keccak.hash(
          "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,"
              + "uint256 validBefore,bytes32 nonce)");
  static final byte[] TRANSFER_WITH_AUTHORIZATION =
      Keccak.selector(
          "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,"
              + "bytes32,bytes32)");
  static final String BALANCE_OF = Hex.encode(Keccak.selector("balanceOf(address)"));
  static final String TRANSFER_TOPIC = Hex.encode(Keccak.hash("Transfer(address,address,uint256)"));

  private Eip3009() {}

  /** The EIP-712 domain separator of a token. */
  static byte[] domainSeparator(String name, String version, long chainId, String token) {
    return Keccak.hash(
        DOMAIN_TYPEHASH,
        Keccak.hash(name),
        Keccak.hash(version),
        word(BigInteger.valueOf(chainId)),
        addressWord(token));
  }

  /** The digest a payer signs for {@code authorization} under {@code domainSeparator}. */
  static byte[] digest(byte[] domainSeparator, Authorization authorization) {
    byte[] struct =
        Keccak.hash(
            AUTHORIZATION_TYPEHASH,
            addressWord(authorization.from()),
            addressWord(authorization.to()),
            word(authorization.value()),
            word(authorization.validAfter()),
            word(authorization.validBefore()),
            Hex.decode(authorization.nonce(), 32));
    return Keccak.hash(new byte[] {0x19, 0x01}, domainSeparator, struct);
  }

  /** The calldata of {@code transferWithAuthorization(..., v, r, s)}. */
  static byte[] call(Authorization authorization) {
    Secp256k1.Signature signature = authorization.signature();
    return concat(
        TRANSFER_WITH_AUTHORIZATION,
        addressWord(authorization.from()),
        addressWord(authorization.to()),
        word(authorization.value()),
        word(authorization.validAfter()),
        word(authorization.validBefore()),
        Hex.decode(authorization.nonce(), 32),
        word(BigInteger.valueOf(27 + signature.yParity())),
        word(signature.r()),
        word(signature.s()));
  }

  /** The calldata of {@code balanceOf(owner)}. */
  static String balanceOf(String owner) {
    return BALANCE_OF + Hex.encode(addressWord(owner)).substring(2);
  }

  /**
   * The nonce of a native credential: {@code keccak256(challenge.id || challenge.realm)}
   * (draft-evm-charge-00, authorization payload, challenge binding), lowercase hex.
   */
  static String challengeHash(String challengeId, String realm) {
    return Hex.encode(Keccak.hash((challengeId + realm).getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code address} with its EIP-55 mixed-case checksum. */
  static String checksum(String address) {
    String lower = Hex.address(address).substring(2);
    byte[] hash = Keccak.hash(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  static byte[] word(BigInteger value) {
    return Hex.unsigned(value, 32);
  }

  static byte[] addressWord(String address) {
    byte[] word = new byte[32];
    System.arraycopy(Hex.decode(address.toLowerCase(Locale.ROOT), 20), 0, word, 12, 20);
    return word;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
