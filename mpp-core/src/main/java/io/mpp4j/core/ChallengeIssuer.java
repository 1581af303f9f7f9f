package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.AcceptPayment;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.ContentDigest;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds fresh challenges (draft-httpauth-payment-00 §5.1) and checks what they bind besides the
 * HMAC: the {@code opaque} route scope and offer meta, and the body digest.
 */
final class ChallengeIssuer {
  /** Scopes longer than this are bound by their SHA-256 to keep challenges small. */
  private static final int MAX_PLAIN_SCOPE = 128;

  /** The {@code opaque} member that makes each challenge unique; not compared on the way back. */
  static final String NONCE = "nonce";

  /** The {@code opaque} member binding a resource-bound intent's resource (path and query). */
  static final String RESOURCE = "resource";

  private static final int NONCE_BYTES = 16;
  private static final int NONCE_LENGTH = 22;
  private static final String PLAIN_PREFIX = "{\"" + NONCE + "\":\"";
  private static final byte[] PREFIX_BYTES = PLAIN_PREFIX.getBytes(StandardCharsets.UTF_8);
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private final String realm;
  private final ChallengeBinding binding;
  private final Clock clock;
  private final Duration ttl;

  ChallengeIssuer(String realm, ChallengeBinding binding, Clock clock, Duration ttl) {
    this.realm = realm;
    this.binding = binding;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** One challenge per offer, in the client's preferred order. */
  List<Challenge> challenges(PaymentExchange exchange, List<PreparedOffer> offers) {
    List<PreparedOffer> ordered =
        AcceptPayment.parse(exchange.acceptPayment())
            .order(offers, p -> p.offer().method(), p -> p.offer().intent());
    String expires = Timestamps.format(clock.instant().plus(ttl));
    Instant expiresAt = Timestamps.parse(expires);
    String digest = digestOf(exchange.body());
    String scope = exchange.scope().map(ChallengeIssuer::scope).orElse(null);
    String resource = exchange.resource().map(ChallengeIssuer::scope).orElse(null);
    List<Challenge> issued = new ArrayList<>(ordered.size());
    for (PreparedOffer offer : ordered) {
      String nonce = nonce();
      issued.add(
          binding.sign(
              Challenge.builder()
                  .realm(realm)
                  .method(offer.offer().method())
                  .intent(offer.offer().intent())
                  .request(requestWire(offer, nonce, expiresAt))
                  .expires(expires)
                  .digest(digest)
                  .description(offer.offer().description())
                  .opaque(
                      freshOpaque(
                          scope,
                          offer.intent().resourceBound() ? resource : null,
                          offer.offer(),
                          nonce))
                  .header(offer.offer().credentialHeader())));
    }
    return issued;
  }

  /** The request of one challenge: the offer's, unless its intent makes one per challenge. */
  private static String requestWire(PreparedOffer offer, String nonce, Instant expires) {
    IntentRequest request = offer.handler().challengeRequest(offer.request(), nonce, expires);
    return request == offer.request() ? offer.requestWire() : request.toWire();
  }

  /**
   * The offer a challenge with a per-challenge request was issued for, its request recomputed from
   * the echoed nonce and expiry; empty when the echoed request is not that request.
   */
  static Optional<PreparedOffer> perChallenge(PreparedOffer offer, Challenge echoed) {
    String nonce = nonceOf(echoed.opaque());
    if (nonce == null || echoed.expires() == null) {
      return Optional.empty();
    }
    IntentRequest request;
    try {
      request =
          offer
              .handler()
              .challengeRequest(offer.request(), nonce, Timestamps.parse(echoed.expires()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (request == offer.request()) {
      return Optional.empty();
    }
    String wire = request.toWire();
    return wire.equals(echoed.request())
        ? Optional.of(new PreparedOffer(offer.offer(), offer.handler(), request, wire))
        : Optional.empty();
  }

  /**
   * The nonce an {@code opaque} carries, or null. An opaque that begins with this server's nonce
   * member (every plain one, and canonical ones without meta keys sorted before it) is read without
   * a JSON parser; callers pass opaques whose challenge id was verified, so they are this server's.
   */
  static String nonceOf(String opaque) {
    if (opaque == null) {
      return null;
    }
    try {
      byte[] decoded = Base64Url.decode(opaque);
      if (hasLeadingNonce(decoded)) {
        return new String(decoded, PREFIX_BYTES.length, NONCE_LENGTH, StandardCharsets.US_ASCII);
      }
      JsonNode nonce = Json.parseObject(decoded).get(NONCE);
      return nonce != null && nonce.isTextual() ? nonce.textValue() : null;
    } catch (CodecException e) {
      return null;
    }
  }

  /** Whether {@code decoded} begins {@code {"nonce":"<22 base64url characters>"}. */
  private static boolean hasLeadingNonce(byte[] decoded) {
    int nonceEnd = PREFIX_BYTES.length + NONCE_LENGTH;
    if (decoded.length <= nonceEnd
        || decoded[nonceEnd] != '"'
        || !Arrays.equals(decoded, 0, PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length)) {
      return false;
    }
    for (int i = PREFIX_BYTES.length; i < nonceEnd; i++) {
      byte c = decoded[i];
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@code opaque} of a fresh challenge: the route scope, the offer's meta and a random nonce,
   * so that no two challenges share an id even when issued for the same request in the same
   * millisecond (draft-httpauth-payment-00 §5.1.1: at least 128 bits of entropy each).
   */
  private static String freshOpaque(String scope, String resource, Offer offer, String nonce) {
    if (offer.meta().isEmpty() && scope != null && resource == null) {
      return Base64Url.encode(plainOpaque(nonce, scope));
    }
    ObjectNode json = bound(scope, offer);
    if (resource != null) {
      json.put(RESOURCE, resource);
    }
    json.put(NONCE, nonce);
    return Jcs.encode(json);
  }

  private static String plainOpaque(String nonce, String scope) {
    StringBuilder json = new StringBuilder(48 + scope.length());
    json.append(PLAIN_PREFIX).append(nonce).append("\",\"scope\":");
    Json.appendString(json, scope);
    return json.append('}').toString();
  }

  /**
   * Whether the echoed {@code opaque} binds this exchange's scope and the offer's meta. An unscoped
   * exchange for an offer without meta binds nothing here.
   */
  static boolean bindsExchange(String echoedOpaque, PaymentExchange exchange, Offer offer) {
    String scope = exchange.scope().map(ChallengeIssuer::scope).orElse(null);
    if (scope == null && offer.meta().isEmpty()) {
      return true;
    }
    if (echoedOpaque == null) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64Url.decode(echoedOpaque);
    } catch (CodecException e) {
      return false;
    }
    if (offer.meta().isEmpty() && isPlainOpaque(decoded, scope)) {
      return true;
    }
    ObjectNode json;
    try {
      json = Json.parseObject(decoded);
    } catch (CodecException e) {
      return false;
    }
    if (!json.path(NONCE).isTextual()) {
      return false;
    }
    json.remove(NONCE);
    json.remove(RESOURCE);
    return json.equals(bound(scope, offer));
  }

  /**
   * Whether the echoed {@code opaque} of a resource-bound intent's challenge binds this exchange's
   * resource (any method) and the offer's meta.
   */
  static boolean bindsResource(String echoedOpaque, PaymentExchange exchange, Offer offer) {
    String resource = exchange.resource().map(ChallengeIssuer::scope).orElse(null);
    if (echoedOpaque == null || resource == null) {
      return false;
    }
    ObjectNode json;
    try {
      json = Json.parseObject(Base64Url.decodeUtf8(echoedOpaque).getBytes(StandardCharsets.UTF_8));
    } catch (CodecException e) {
      return false;
    }
    if (!json.path(NONCE).isTextual() || !resource.equals(json.path(RESOURCE).asText(null))) {
      return false;
    }
    json.remove(NONCE);
    json.remove(RESOURCE);
    json.remove("scope");
    return json.equals(bound(null, offer));
  }

  /**
   * {@code {"nonce":"<22 base64url chars>","scope":<scope>}}, compared byte for byte without a JSON
   * parser (the form {@link #plainOpaque} writes).
   */
  private static boolean isPlainOpaque(byte[] decoded, String scope) {
    if (!hasLeadingNonce(decoded)) {
      return false;
    }
    int nonceEnd = PREFIX_BYTES.length + NONCE_LENGTH;
    StringBuilder rest = new StringBuilder(16 + scope.length()).append("\",\"scope\":");
    Json.appendString(rest, scope);
    byte[] expected = rest.append('}').toString().getBytes(StandardCharsets.UTF_8);
    return Arrays.equals(decoded, nonceEnd, decoded.length, expected, 0, expected.length);
  }

  /** What a challenge's {@code opaque} binds for this scope and offer, nonce aside. */
  private static ObjectNode bound(String scope, Offer offer) {
    ObjectNode json = Json.object();
    offer.meta().forEach(json::put);
    if (scope != null) {
      json.put("scope", scope);
    }
    return json;
  }

  private static String nonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    RANDOM.get().nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  /** The digest a challenge binds for this body, or null when there is none. */
  static String digestOf(byte[] body) {
    return body.length == 0 ? null : ContentDigest.sha256(body);
  }

  private static String scope(String resource) {
    if (resource.length() <= MAX_PLAIN_SCOPE) {
      return resource;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(resource.getBytes(StandardCharsets.UTF_8));
      return "sha-256:" + Base64Url.encode(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
