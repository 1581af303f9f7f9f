package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A signed EIP-3009 transfer authorization, the {@code authorization} payload of
 * draft-evm-charge-00 (and the {@code payload} of an x402 {@code exact} EIP-3009 payment).
 * Addresses and the nonce are lowercase.
 */
record Authorization(
    String from,
    String to,
    BigInteger value,
    BigInteger validAfter,
    BigInteger validBefore,
    String nonce,
    Secp256k1.Signature signature) {

  private static final Pattern UINT = Pattern.compile("0|[1-9][0-9]{0,77}");
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /**
   * Reads the members of a payload.
   *
   * @throws PaymentExceptions.InvalidPayload when a member is missing or has the wrong type
   * @throws PaymentExceptions.MalformedCredential when a member is not well-formed
   */
  static Authorization parse(ObjectNode payload) {
    try {
      return new Authorization(
          Hex.address(text(payload, "from")),
          Hex.address(text(payload, "to")),
          uint(payload, "value"),
          uint(payload, "validAfter"),
          uint(payload, "validBefore"),
          Hex.word(text(payload, "nonce")),
          Secp256k1.Signature.fromBytes65(Hex.decode(text(payload, "signature"))));
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The authorization is malformed: " + e.getMessage() + ".");
    }
  }

  /** The payload members, as the native {@code authorization} credential carries them. */
  static ObjectNode payload(ObjectNode target, JsonNode authorization, JsonNode signature) {
    target.put("type", "authorization");
    for (String name : new String[] {"from", "to", "value", "validAfter", "validBefore", "nonce"}) {
      JsonNode member = authorization.get(name);
      if (member == null || !member.isTextual()) {
        throw new PaymentExceptions.InvalidPayload("The authorization needs a " + name + ".");
      }
      target.put(name, member.textValue());
    }
    if (signature == null || !signature.isTextual()) {
      throw new PaymentExceptions.InvalidPayload("The authorization needs a signature.");
    }
    target.put("signature", signature.textValue());
    return target;
  }

  private static String text(ObjectNode payload, String name) {
    JsonNode value = payload.get(name);
    if (value == null || !value.isTextual()) {
      throw new PaymentExceptions.InvalidPayload("The authorization needs a " + name + ".");
    }
    return value.textValue();
  }

  private static BigInteger uint(ObjectNode payload, String name) {
    String text = text(payload, name);
    if (!UINT.matcher(text).matches()) {
      throw new IllegalArgumentException(name + " is not a decimal integer");
    }
    BigInteger value = new BigInteger(text);
    if (value.compareTo(MAX_UINT256) > 0) {
      throw new IllegalArgumentException(name + " does not fit in uint256");
    }
    return value;
  }
}
