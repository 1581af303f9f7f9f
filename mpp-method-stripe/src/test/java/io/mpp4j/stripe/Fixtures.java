package io.mpp4j.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared test values: a key, tokens, challenges and credentials for Stripe charges. */
final class Fixtures {
  static final String REALM = "api.example.com";
  static final String SECRET_KEY = "sk_test_51Mpp4jFixtureKeyNotReal0000000000";
  static final String SPT = "spt_1QxMpp4jGrantedToken0001";
  static final String NETWORK_ID = "profile_1MqDcVKA5fEO2tZvKQm9g8Yj";
  static final Instant NOW = Instant.parse("2026-01-29T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Instant EXPIRES = NOW.plusSeconds(300);

  private static final ChallengeBinding BINDING =
      ChallengeBinding.of(Secret.of("fixture-secret-fixture-secret-0123456789"), List.of());
  private static final AtomicInteger NONCE = new AtomicInteger();

  private Fixtures() {}

  /** A method with the fixture key, network and {@code card, link}, configured further. */
  static StripeMethod.Builder method() {
    return StripeMethod.builder()
        .secretKey(Secret.of(SECRET_KEY))
        .networkId(NETWORK_ID)
        .paymentMethodTypes("card", "link");
  }

  /** The request of a 25.00 USD offer, with an optional external id. */
  static ChargeRequest request(StripeMethod method, String externalId) {
    Offer.Builder offer = Offer.charge(StripeMethod.ID).price("25.00");
    if (externalId != null) {
      offer.externalId(externalId);
    }
    return charge(method, offer.build());
  }

  /** The method's charge handler. */
  @SuppressWarnings("unchecked")
  static IntentHandler<ChargeRequest> handler(StripeMethod method) {
    return (IntentHandler<ChargeRequest>) method.handlers().get(0);
  }

  /** The challenge request the method makes for {@code offer}. */
  static ChargeRequest charge(StripeMethod method, Offer offer) {
    return handler(method).request(offer);
  }

  /** Verifies through the method's charge handler and returns the receipt. */
  static Receipt verify(
      StripeMethod method, Credential credential, VerificationContext<ChargeRequest> context) {
    return handler(method).verify(credential, context).receipt();
  }

  /** A payload {@code {spt, externalId?}}. */
  static ObjectNode payload(String spt, String externalId) {
    ObjectNode payload = Json.object();
    if (spt != null) {
      payload.put("spt", spt);
    }
    if (externalId != null) {
      payload.put("externalId", externalId);
    }
    return payload;
  }

  /** A credential for a fresh challenge (its own id) over {@code request}. */
  static Credential credential(ChargeRequest request, ObjectNode payload) {
    String wire = request.toWire();
    String expires = Timestamps.format(EXPIRES);
    ObjectNode scope = Json.object();
    scope.put("n", Integer.toString(NONCE.incrementAndGet()));
    String opaque = Jcs.encode(scope);
    Challenge challenge =
        BINDING.sign(
            Challenge.builder()
                .realm(REALM)
                .method(StripeMethod.ID)
                .intent(Offer.CHARGE)
                .request(wire)
                .expires(expires)
                .opaque(opaque));
    return new Credential(challenge, payload, "did:example:buyer");
  }

  static VerificationContext<ChargeRequest> context(ChargeRequest request, Store store) {
    return VerificationContext.builder(request, credentialChallenge(request))
        .realm(REALM)
        .expires(EXPIRES)
        .store(store)
        .clock(CLOCK)
        .build();
  }

  private static Challenge credentialChallenge(ChargeRequest request) {
    return credential(request, Json.object()).challenge();
  }

  /** A test resource as text. */
  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/stripe/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A form-encoded body as a map of decoded names to values (each name once). */
  static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (params.put(name, value) != null) {
        throw new AssertionError("form parameter sent twice: " + name);
      }
    }
    return params;
  }
}
