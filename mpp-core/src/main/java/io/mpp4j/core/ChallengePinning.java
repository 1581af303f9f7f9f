package io.mpp4j.core;

import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.ContentDigest;
import java.util.List;
import java.util.Optional;

/**
 * What an echoed challenge pins besides its HMAC (draft-httpauth-payment-00, "Challenge Binding",
 * "Amount Verification", "Request Body Digest Binding"): the offer it was issued for, which must be
 * one this route makes now with the same request, route scope and resource (a cheap route's
 * challenge never pays for an expensive one), and the request body its digest binds (RFC 9530).
 */
final class ChallengePinning {
  private ChallengePinning() {}

  /** The offer a challenge was issued for, and whether it was issued for this very request. */
  record Pinned(PreparedOffer offer, boolean sameRequest) {}

  static Pinned pinnedOffer(
      PaymentExchange exchange, List<PreparedOffer> offers, Challenge echoed) {
    for (PreparedOffer offer : offers) {
      if (offer.isFor(echoed.method(), echoed.intent())
          && offer.requestWire().equals(echoed.request())) {
        if (ChallengeIssuer.bindsExchange(echoed.opaque(), exchange, offer.offer())) {
          return new Pinned(offer, true);
        }
        if (offer.intent().resourceBound()
            && ChallengeIssuer.bindsResource(echoed.opaque(), exchange, offer.offer())) {
          return new Pinned(offer, false);
        }
      }
    }
    for (PreparedOffer offer : offers) {
      if (offer.isFor(echoed.method(), echoed.intent())
          && ChallengeIssuer.bindsExchange(echoed.opaque(), exchange, offer.offer())) {
        Optional<PreparedOffer> fresh = ChallengeIssuer.perChallenge(offer, echoed);
        if (fresh.isPresent()) {
          return new Pinned(fresh.get(), true);
        }
      }
    }
    throw new PaymentExceptions.InvalidChallenge(
        "Challenge was issued for a different price or resource.");
  }

  /**
   * Checks the body against the challenge's digest; returns false when a resource-bound intent's
   * credential arrived without the body its challenge bound.
   */
  static boolean checkDigest(PaymentExchange exchange, Challenge echoed, PreparedOffer offer) {
    if (echoed.digest() == null) {
      if (exchange.body().length > 0) {
        throw new PaymentExceptions.InvalidChallenge("Challenge does not bind this request body.");
      }
      return true;
    }
    if (exchange.body().length == 0 && offer.intent().resourceBound()) {
      return false;
    }
    boolean matches;
    try {
      matches = ContentDigest.matches(echoed.digest(), exchange.body());
    } catch (CodecException e) {
      matches = false;
    }
    if (!matches) {
      throw new PaymentExceptions.InvalidChallenge(
          "Request body does not match the challenge digest.");
    }
    return true;
  }
}
