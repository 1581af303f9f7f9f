package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.AcceptPayment;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.ContentDigest;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds fresh challenges (draft-httpauth-payment-00 §5.1) and the values they bind: the request
 * wire form per offer (cached), the {@code opaque} route scope, and the body digest.
 */
final class ChallengeIssuer {
  /** Scopes longer than this are bound by their SHA-256 to keep challenges small. */
  private static final int MAX_PLAIN_SCOPE = 128;

  private static final int MAX_CACHED_OFFERS = 4096;

  /** The {@code opaque} member that makes each challenge unique; not part of the binding. */
  static final String NONCE = "nonce";

  private static final int NONCE_BYTES = 16;
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private final String realm;
  private final ChallengeBinding binding;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, PaymentMethod> methods;
  private final ConcurrentHashMap<Offer, PreparedOffer> prepared = new ConcurrentHashMap<>();

  ChallengeIssuer(
      String realm,
      ChallengeBinding binding,
      Clock clock,
      Duration ttl,
      Map<String, PaymentMethod> methods) {
    this.realm = realm;
    this.binding = binding;
    this.clock = clock;
    this.ttl = ttl;
    this.methods = methods;
  }

  List<PreparedOffer> prepare(List<Offer> offers) {
    if (offers.isEmpty()) {
      throw new IllegalArgumentException("a paid route needs at least one offer");
    }
    List<PreparedOffer> result = new ArrayList<>(offers.size());
    for (Offer offer : offers) {
      PreparedOffer cached = prepared.get(offer);
      if (cached == null) {
        cached = prepareNew(offer);
        if (prepared.size() >= MAX_CACHED_OFFERS) {
          prepared.clear();
        }
        prepared.put(offer, cached);
      }
      result.add(cached);
    }
    return result;
  }

  private PreparedOffer prepareNew(Offer offer) {
    PaymentMethod method = methods.get(offer.method());
    if (method == null) {
      throw new IllegalStateException("no payment method registered for " + offer.method());
    }
    if (!method.intents().contains(offer.intent())) {
      throw new IllegalStateException(offer.method() + " does not serve intent " + offer.intent());
    }
    ChargeRequest request = method.request(offer);
    return new PreparedOffer(offer, method, request, request.toWire());
  }

  /** A challenge ready to send: its id and its {@code WWW-Authenticate} value. */
  record Issued(String id, String header) {}

  /** One challenge per offer, in the client's preferred order. */
  List<Issued> challenges(PaymentExchange exchange, List<PreparedOffer> offers) {
    List<PreparedOffer> ordered =
        AcceptPayment.parse(exchange.header("Accept-Payment"))
            .order(offers, p -> p.offer().method(), p -> p.offer().intent());
    String expires = Timestamps.format(clock.instant().plus(ttl));
    String digest = digestOf(exchange.body());
    List<Issued> issued = new ArrayList<>(ordered.size());
    for (PreparedOffer offer : ordered) {
      Challenge challenge =
          binding.challenge(
              realm,
              offer.offer().method(),
              offer.offer().intent(),
              offer.requestWire(),
              expires,
              digest,
              offer.offer().description(),
              freshOpaque(exchange, offer.offer()));
      issued.add(new Issued(challenge.id(), PaymentHeaders.formatChallenge(challenge)));
    }
    return issued;
  }

  /**
   * The {@code opaque} of a fresh challenge: the route scope, the offer's meta and a random nonce,
   * so that no two challenges share an id even when issued for the same request in the same
   * millisecond (draft-httpauth-payment-00 §5.1.1: at least 128 bits of entropy each).
   */
  String freshOpaque(PaymentExchange exchange, Offer offer) {
    String nonce = nonce();
    if (offer.meta().isEmpty()) {
      StringBuilder json = new StringBuilder(64 + exchange.path().length());
      json.append("{\"").append(NONCE).append("\":\"").append(nonce).append("\",\"scope\":");
      Json.appendString(json, scope(exchange.resource()));
      return Base64Url.encode(json.append('}').toString());
    }
    ObjectNode json = bound(exchange, offer);
    json.put(NONCE, nonce);
    return Jcs.encode(json);
  }

  /**
   * The echoed {@code opaque} without its nonce, for comparison with {@link #bound}.
   *
   * @throws PaymentExceptions.InvalidChallenge when it is absent, malformed or has no nonce
   */
  static ObjectNode withoutNonce(String echoedOpaque) {
    ObjectNode json;
    try {
      json = echoedOpaque == null ? null : Json.parseObject(Base64Url.decode(echoedOpaque));
    } catch (CodecException e) {
      json = null;
    }
    if (json == null || !json.path(NONCE).isTextual()) {
      throw new PaymentExceptions.InvalidChallenge("Challenge was not issued for this resource.");
    }
    json.remove(NONCE);
    return json;
  }

  /** What a challenge's {@code opaque} binds for this exchange and offer, nonce aside. */
  ObjectNode bound(PaymentExchange exchange, Offer offer) {
    ObjectNode json = Json.object();
    offer.meta().forEach(json::put);
    json.put("scope", scope(exchange.resource()));
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
