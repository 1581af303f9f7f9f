package io.mpp4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.conformance.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code server.verify}: a credential checked against route parameters in the engine's order,
 * answering the suite's normalized outcome.
 */
class ServerVerifyTest {
  private static final String SECRET = "conformance-route-secret-of-32-bytes!";
  private static final Instant NOW = Instant.parse("2026-01-29T12:00:00Z");
  private static final String EXPIRES = "2026-01-29T12:05:00.000Z";

  private final AdapterDriver driver =
      new AdapterDriver(
          new Adapter(OperationRegistry.standard(Clock.fixed(NOW, ZoneOffset.UTC)), System.err));

  private static ObjectNode request() {
    return AdapterDriver.MAPPER
        .createObjectNode()
        .put("amount", "1000")
        .put("currency", "usd")
        .put("recipient", "merchant");
  }

  /** A credential echoing a challenge this route's secret issued. */
  private static ObjectNode credential(String realm, ObjectNode request, String expires) {
    return credential(SECRET, realm, "fake", "charge", request, expires);
  }

  private static ObjectNode credential(
      String secret,
      String realm,
      String method,
      String intent,
      ObjectNode request,
      String expires) {
    String id =
        ChallengeBinding.of(Secret.insecureWeakKeyForTestVectorsOnly(secret), List.of())
            .id(
                Challenge.builder()
                    .realm(realm)
                    .method(method)
                    .intent(intent)
                    .request(Jcs.encode(request))
                    .expires(expires));
    ObjectNode challenge =
        AdapterDriver.MAPPER
            .createObjectNode()
            .put("id", id)
            .put("realm", realm)
            .put("method", method)
            .put("intent", intent);
    challenge.set("request", request);
    if (expires != null) {
      challenge.put("expires", expires);
    }
    ObjectNode credential = AdapterDriver.MAPPER.createObjectNode();
    credential.set("challenge", challenge);
    credential.putObject("payload").put("token", "t");
    credential.put("source", "did:example:payer");
    return credential;
  }

  private static ObjectNode input(ObjectNode credential) {
    ObjectNode input =
        AdapterDriver.MAPPER
            .createObjectNode()
            .put("realm", "api.example.com")
            .put("secretKey", SECRET)
            .put("method", "fake")
            .put("intent", "charge");
    input.set("request", request());
    input.set("credential", credential);
    return input;
  }

  private JsonNode verify(ObjectNode input) {
    Outcome outcome = driver.call("server.verify", input);
    assertThat(outcome.isOk()).as("server.verify answers a result: %s", outcome).isTrue();
    return outcome.value();
  }

  @Test
  void verifyWhenCredentialEchoesThisRoutesChallengeThenOkWithReceipt() {
    JsonNode result = verify(input(credential("api.example.com", request(), EXPIRES)));

    assertThat(result.path("ok").asBoolean()).isTrue();
    assertThat(result.has("errorType")).isFalse();
    assertThat(result.path("receipt").path("status").asText()).isEqualTo("success");
    assertThat(result.path("receipt").path("method").asText()).isEqualTo("fake");
    assertThat(result.path("receipt").path("timestamp").asText())
        .isEqualTo("2026-01-29T12:00:00.000Z");
    assertThat(result.path("receipt").path("reference").asText()).isNotEmpty();
  }

  @Test
  void verifyWhenIdForgedThenInvalidChallenge() {
    ObjectNode credential = credential("api.example.com", request(), EXPIRES);
    ((ObjectNode) credential.get("challenge")).put("id", "forged-id");

    assertThat(verify(input(credential)).path("errorType").asText()).isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenEchoedRequestTamperedThenInvalidChallenge() {
    ObjectNode credential = credential("api.example.com", request(), EXPIRES);
    ((ObjectNode) credential.get("challenge").get("request")).put("amount", "1");

    assertThat(verify(input(credential)).path("errorType").asText()).isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenChallengeWasForAnotherPriceThenInvalidChallenge() {
    ObjectNode cheap = request().put("amount", "1");

    assertThat(
            verify(input(credential("api.example.com", cheap, EXPIRES))).path("errorType").asText())
        .isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenChallengeWasForAnotherRealmThenInvalidChallenge() {
    assertThat(
            verify(input(credential("other.example.com", request(), EXPIRES)))
                .path("errorType")
                .asText())
        .isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenChallengeHasNoExpiryThenInvalidChallenge() {
    assertThat(
            verify(input(credential("api.example.com", request(), null)))
                .path("errorType")
                .asText())
        .isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenRouteNamesAnotherExpiryThenInvalidChallenge() {
    ObjectNode input = input(credential("api.example.com", request(), EXPIRES));
    input.put("expires", "2026-01-29T12:10:00.000Z");

    assertThat(verify(input).path("errorType").asText()).isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenChallengeExpiredThenPaymentExpired() {
    assertThat(
            verify(input(credential("api.example.com", request(), "2026-01-29T11:59:59.999Z")))
                .path("errorType")
                .asText())
        .isEqualTo("payment_expired");
  }

  @Test
  void verifyWhenCredentialMalformedThenMalformedCredential() {
    ObjectNode credential = credential("api.example.com", request(), EXPIRES);
    credential.remove("payload");

    assertThat(verify(input(credential)).path("errorType").asText())
        .isEqualTo("malformed_credential");
  }

  @Test
  void verifyWhenMethodRefusesThenVerificationFailed() {
    ObjectNode input = input(credential("api.example.com", request(), EXPIRES));
    input.put("verificationError", "card declined");

    JsonNode result = verify(input);

    assertThat(result.path("ok").asBoolean(true)).isFalse();
    assertThat(result.path("errorType").asText()).isEqualTo("verification_failed");
    assertThat(result.has("receipt")).isFalse();
  }

  @Test
  void verifyWhenHarnessUsesAShortSecretThenTheEngineStillVerifies() {
    ObjectNode input =
        input(credential("short-secret", "api.example.com", "fake", "charge", request(), EXPIRES));
    input.put("secretKey", "short-secret");

    JsonNode result = verify(input);

    assertThat(result.path("ok").asBoolean()).isTrue();
    assertThat(result.path("receipt").path("reference").asText()).startsWith("conformance_");
  }

  @Test
  void verifyWhenChallengeWasForAnotherMethodOrIntentThenInvalidChallenge() {
    ObjectNode otherMethod =
        credential(SECRET, "api.example.com", "stripe", "charge", request(), EXPIRES);
    ObjectNode otherIntent =
        credential(SECRET, "api.example.com", "fake", "session", request(), EXPIRES);

    assertThat(verify(input(otherMethod)).path("errorType").asText())
        .isEqualTo("invalid_challenge");
    assertThat(verify(input(otherIntent)).path("errorType").asText())
        .isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenIdRespelledWithPaddingThenInvalidChallenge() {
    ObjectNode credential = credential("api.example.com", request(), EXPIRES);
    ObjectNode challenge = (ObjectNode) credential.get("challenge");
    challenge.put("id", challenge.get("id").asText() + "=");

    assertThat(verify(input(credential)).path("errorType").asText()).isEqualTo("invalid_challenge");
  }

  @Test
  void verifyWhenMethodFailsAsTheHarnessSaysThenThatErrorType() {
    for (String type : List.of("verification_failed", "payment_expired", "unknown_error")) {
      ObjectNode input = input(credential("api.example.com", request(), EXPIRES));
      input.put("verificationError", type);

      assertThat(verify(input).path("errorType").asText()).as(type).isEqualTo(type);
    }
  }
}
