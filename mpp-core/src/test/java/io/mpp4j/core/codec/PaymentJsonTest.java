package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Native JSON forms (request as an object), as JSON-RPC transports and the conformance suite use.
 */
class PaymentJsonTest {

  private static JsonNode json(String text) {
    return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void challengeFromJsonEncodesRequestAsBase64UrlOfJcs() {
    Challenge challenge =
        PaymentJson.challengeFromJson(
            json(
                "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                    + "\"request\":{\"recipient\":\"0x1\",\"amount\":\"10\"},\"opaque\":\"trace-123\"}"));

    assertThat(challenge.request())
        .isEqualTo(Base64Url.encode("{\"amount\":\"10\",\"recipient\":\"0x1\"}"));
    assertThat(challenge.opaque()).isEqualTo("trace-123");
  }

  @Test
  void challengeFromJsonWhenOpaqueIsAnObjectThenEncodedLikeTheRequest() {
    Challenge challenge =
        PaymentJson.challengeFromJson(
            json(
                "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                    + "\"request\":{},\"opaque\":{\"pi\":\"pi_1\"}}"));

    assertThat(challenge.opaque()).isEqualTo(Base64Url.encode("{\"pi\":\"pi_1\"}"));
  }

  @Test
  void toJsonDecodesRequestAndOmitsAbsentMembers() {
    Challenge challenge =
        new Challenge(
            "a",
            "r",
            "tempo",
            "charge",
            Base64Url.encode("{\"amount\":\"10\"}"),
            null,
            null,
            "d",
            null);

    assertThat(PaymentJson.toJson(challenge))
        .isEqualTo(
            json(
                "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                    + "\"request\":{\"amount\":\"10\"},\"description\":\"d\"}"));
  }

  @Test
  void challengeFromJsonWhenMalformedThenCodecException() {
    String[] bad = {
      "{\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{}}",
      "{\"id\":\"a\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{}}",
      "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":\"e30\"}",
      "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{},"
          + "\"expires\":\"soon\"}",
      "{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{},"
          + "\"opaque\":[1]}",
      "{\"id\":\"\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{}}"
    };
    for (String text : bad) {
      assertThatThrownBy(() -> PaymentJson.challengeFromJson(json(text)))
          .as(text)
          .isInstanceOf(CodecException.class);
    }
    assertThatThrownBy(() -> PaymentJson.challengeFromJson(null))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void credentialRoundTripsThroughNativeJson() {
    Challenge challenge = new Challenge("a", "r", "tempo", "charge", "e30", null, null, null, null);
    Credential credential = new Credential(challenge, Json.object().put("token", "t"), "did:x");

    Credential back = PaymentJson.credentialFromJson(PaymentJson.toJson(credential));

    assertThat(back.challenge()).isEqualTo(challenge);
    assertThat(back.payload()).isEqualTo(credential.payload());
    assertThat(back.source()).isEqualTo("did:x");
  }

  @Test
  void receiptFromJsonKeepsStringIntegerAndBooleanExtrasAndRefusesOthers() {
    Receipt receipt =
        PaymentJson.receiptFromJson(
            json(
                "{\"status\":\"success\",\"method\":\"tempo\",\"reference\":\"0x1\","
                    + "\"timestamp\":\"2026-01-29T12:00:00Z\",\"externalId\":\"o-1\","
                    + "\"units\":3,\"final\":true}"));

    assertThat(receipt)
        .isEqualTo(
            new Receipt(
                "tempo",
                "0x1",
                Instant.parse("2026-01-29T12:00:00Z"),
                Map.of("externalId", "o-1", "units", 3L, "final", true)));
    assertThatThrownBy(
            () ->
                PaymentJson.receiptFromJson(
                    json(
                        "{\"status\":\"success\",\"method\":\"tempo\",\"reference\":\"0x1\","
                            + "\"timestamp\":\"2026-01-29T12:00:00Z\",\"amount\":1.5}")))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(
            () ->
                PaymentJson.receiptFromJson(
                    json(
                        "{\"status\":\"success\",\"method\":\"tempo\",\"reference\":\"0x1\","
                            + "\"timestamp\":\"2026-01-29T12:00:00Z\",\"amount\":{}}")))
        .isInstanceOf(CodecException.class);
  }
}
