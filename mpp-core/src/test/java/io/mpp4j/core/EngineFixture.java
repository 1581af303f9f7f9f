package io.mpp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds exchanges and engines for engine tests. */
final class EngineFixture {
  static final String SECRET = "an-engine-test-secret-of-at-least-32-bytes";
  static final Instant START = Instant.parse("2026-11-21T12:00:00Z");

  private EngineFixture() {}

  static Mpp.Builder engine(MutableClock clock, PaymentMethod... methods) {
    Mpp.Builder builder =
        Mpp.builder().realm("api.example.com").secret(Secret.of(SECRET)).clock(clock);
    for (PaymentMethod method : methods) {
      builder.method(method);
    }
    return builder;
  }

  static PaymentExchange get(String path, String... headerPairs) {
    return exchange("GET", path, null, new byte[0], headerPairs);
  }

  static PaymentExchange exchange(
      String method, String path, String query, byte[] body, String... headerPairs) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers
          .computeIfAbsent(
              headerPairs[i].toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .add(headerPairs[i + 1]);
    }
    return HttpExchanges.of(method, path, query, headers::get, body).build();
  }

  /** A challenge signed with the fixture's secret. */
  static Challenge signed(Challenge.Builder template) {
    return ChallengeBinding.of(Secret.of(SECRET), List.of()).sign(template);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<Offer> cents(String price) {
    return List.of(Offer.charge(FakePaymentMethod.ID).price(price).build());
  }

  /**
   * Asserts the decision refuses with {@code type} and {@code status}, a 402 naming its challenge.
   */
  static void assertProblem(Decision decision, ProblemType type, int status) {
    assertThat(decision.status()).as("status").isEqualTo(status);
    Problem problem;
    if (decision instanceof Decision.PaymentRequired required) {
      assertThat(required.problem().challengeId()).isEqualTo(required.challenges().get(0).id());
      problem = required.problem();
    } else if (decision instanceof Decision.Rejected rejected) {
      problem = rejected.problem();
    } else {
      throw new AssertionError("expected " + type + " but was paid");
    }
    assertThat(problem.type()).isEqualTo(type);
  }
}
