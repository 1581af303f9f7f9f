package io.mpp4j.chain;

import io.mpp4j.core.PaymentExceptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential's {@code source} as a {@code did:pkh:eip155:<chainId>:<address>} DID
 * (draft-httpauth-payment, credential {@code source}; CAIP-10 account ids).
 */
public final class PayerSource {
  private static final Pattern DID =
      Pattern.compile("did:pkh:eip155:(0|[1-9][0-9]{0,18}):(0x[0-9a-fA-F]{40})");

  private PayerSource() {}

  /**
   * The payer address a source names, lowercase.
   *
   * @param chainId the chain the charge is on, or null when any chain will do
   * @throws PaymentExceptions.VerificationFailed when the source is not such a DID for the chain
   */
  public static String address(String source, Long chainId) {
    Matcher m = DID.matcher(source);
    if (!m.matches()) {
      throw new PaymentExceptions.VerificationFailed("The credential source is invalid.");
    }
    long sourceChain;
    try {
      sourceChain = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new PaymentExceptions.VerificationFailed("The credential source is invalid.");
    }
    if (chainId != null && sourceChain != chainId) {
      throw new PaymentExceptions.VerificationFailed("The credential source names another chain.");
    }
    return Hex.address(m.group(2));
  }

  /** The {@code did:pkh:eip155} DID of {@code address} on {@code chainId}. */
  public static String did(long chainId, String address) {
    return "did:pkh:eip155:" + chainId + ":" + address;
  }
}
