package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.SessionExceptions;
import java.math.BigInteger;
import java.util.Locale;

/**
 * A session credential's payload (draft-tempo-session-00 §"Payload Actions"), read strictly with
 * cheap format checks first (§"Denial of Service": format validation before any ECDSA recovery, and
 * here before any store or network access): action, lowercase channel id, decimal amounts within
 * the protocol's width, a 64- or 65-byte hex signature, a hex transaction. Unknown members are
 * ignored.
 */
record SessionPayload(
    String action,
    String channelId,
    BigInteger cumulativeAmount,
    String signature,
    String transaction,
    BigInteger additionalDeposit,
    String authorizedSigner,
    JsonNode descriptor) {

  static final String OPEN = "open";
  static final String TOP_UP = "topUp";
  static final String VOUCHER = "voucher";
  static final String CLOSE = "close";

  /**
   * Reads the payload.
   *
   * @throws PaymentExceptions.InvalidPayload naming the first malformed or missing member
   * @throws SessionExceptions.InvalidSignature when the signature is not 64 or 65 bytes of hex
   */
  static SessionPayload of(Credential credential, BigInteger maxAmount) {
    SessionPayload payload = read(credential, maxAmount);
    if (payload.signature() != null && !isSignature(payload.signature())) {
      throw new SessionExceptions.InvalidSignature(
          "Voucher signature must be 64 or 65 bytes of 0x-hex.", payload.channelId());
    }
    return payload;
  }

  private static SessionPayload read(Credential credential, BigInteger maxAmount) {
    String action = text(credential, "action", true);
    if (!action.equals(OPEN)
        && !action.equals(TOP_UP)
        && !action.equals(VOUCHER)
        && !action.equals(CLOSE)) {
      throw new PaymentExceptions.InvalidPayload("Unknown session action.");
    }
    String channelId = text(credential, "channelId", true);
    if (!Hex.isHex(channelId, 32)) {
      throw new PaymentExceptions.InvalidPayload("payload.channelId must be a 0x-hex bytes32.");
    }
    boolean needsVoucher = !action.equals(TOP_UP);
    boolean needsTransaction = action.equals(OPEN) || action.equals(TOP_UP);
    String transaction = text(credential, "transaction", needsTransaction);
    if (transaction != null && (transaction.length() > 16_384 || !transaction.startsWith("0x"))) {
      throw new PaymentExceptions.InvalidPayload("payload.transaction must be 0x-hex.");
    }
    String signer = text(credential, "authorizedSigner", false);
    if (signer != null && !Hex.isAddress(signer)) {
      throw new PaymentExceptions.InvalidPayload("payload.authorizedSigner is not an address.");
    }
    return new SessionPayload(
        action,
        channelId.toLowerCase(Locale.ROOT),
        needsVoucher ? amount(credential, "cumulativeAmount", maxAmount) : null,
        needsVoucher ? text(credential, "signature", true) : null,
        transaction,
        action.equals(TOP_UP) ? amount(credential, "additionalDeposit", maxAmount) : null,
        signer == null ? null : Hex.address(signer),
        credential.payload().get("descriptor"));
  }

  private static String text(Credential credential, String name, boolean required) {
    JsonNode value = credential.payload().get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw new PaymentExceptions.InvalidPayload("The payload needs a " + name + ".");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new PaymentExceptions.InvalidPayload("payload." + name + " must be a string.");
    }
    return value.asText();
  }

  private static BigInteger amount(Credential credential, String name, BigInteger max) {
    String text = text(credential, name, true);
    if (!isDecimal(text)) {
      throw new PaymentExceptions.InvalidPayload(
          "payload." + name + " must be a decimal string of base units.");
    }
    BigInteger value = new BigInteger(text);
    if (value.compareTo(max) > 0) {
      throw new PaymentExceptions.InvalidPayload("payload." + name + " is out of range.");
    }
    return value;
  }

  /** {@code 0|[1-9][0-9]{0,38}}: a uint128 fits in 39 digits. */
  static boolean isDecimal(String text) {
    int length = text.length();
    if (length == 0 || length > 39 || (length > 1 && text.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** 64 or 65 bytes of {@code 0x}-hex. */
  static boolean isSignature(String text) {
    return Hex.isHex(text, 64) || Hex.isHex(text, 65);
  }
}
