package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The challenge and receipt headers of the {@code Payment} scheme (draft-httpauth-payment-00 §5) in
 * the cases the conformance vectors do not cover; the credential's are in {@link
 * PaymentCredentialHeaderTest}.
 */
class PaymentHeadersTest {
  static final String EMPTY_REQUEST = "e30";

  static Challenge challenge(String id, String method) {
    return new Challenge(
        id,
        "api.example.com",
        method,
        "charge",
        EMPTY_REQUEST,
        "2026-01-29T12:05:00.000Z",
        null,
        null,
        null);
  }

  private static Challenge withDescription(String description) {
    return new Challenge(
        "ch_1", "api.example.com", "tempo", "charge", EMPTY_REQUEST, null, null, description, null);
  }

  // ---- WWW-Authenticate ---------------------------------------------------------------------

  @Test
  void formatChallengeWritesRequiredThenOptionalParametersQuoted() {
    Challenge challenge =
        new Challenge(
            "ch_1",
            "api.example.com",
            "tempo",
            "charge",
            EMPTY_REQUEST,
            "2026-01-29T12:05:00.000Z",
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
            "Pay \"premium\" C:\\api",
            "eyJzY29wZSI6IkdFVCAvIn0");

    assertThat(PaymentHeaders.formatChallenge(challenge))
        .isEqualTo(
            "Payment id=\"ch_1\", realm=\"api.example.com\", method=\"tempo\", intent=\"charge\","
                + " request=\"e30\", description=\"Pay \\\"premium\\\" C:\\\\api\","
                + " digest=\"sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\","
                + " expires=\"2026-01-29T12:05:00.000Z\", opaque=\"eyJzY29wZSI6IkdFVCAvIn0\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "line\r\nInjected: yes",
        "line\nbreak",
        "carriage\rreturn",
        "nul\u0000",
        "del\u007f",
        "quoted \"then\" a \u0001 control"
      })
  void formatChallengeWhenValueHasControlCharacterThenCodecException(String value) {
    assertThatThrownBy(() -> PaymentHeaders.formatChallenge(withDescription(value)))
        .isInstanceOf(CodecException.class);
    Challenge badRealm =
        new Challenge("ch_1", value, "tempo", "charge", EMPTY_REQUEST, null, null, null, null);
    assertThatThrownBy(() -> PaymentHeaders.formatChallenge(badRealm))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void formatChallengeWhenTabOrNonAsciiThenKept() {
    Challenge challenge = withDescription("caf\u00e9\tbar");

    assertThat(PaymentHeaders.parseChallenge(PaymentHeaders.formatChallenge(challenge)))
        .isEqualTo(challenge);
  }

  @Test
  void parseChallengesWhenSeveralInOneHeaderThenAllInOrder() {
    String header =
        PaymentHeaders.formatChallenge(challenge("a", "tempo"))
            + ", "
            + PaymentHeaders.formatChallenge(challenge("b", "stripe"));

    assertThat(PaymentHeaders.parseChallenges(List.of(header)))
        .containsExactly(challenge("a", "tempo"), challenge("b", "stripe"));
  }

  @Test
  void parseChallengesWhenSpreadOverHeadersThenAllInOrder() {
    List<String> headers =
        List.of(
            PaymentHeaders.formatChallenge(challenge("a", "tempo")),
            "Basic realm=\"legacy\"",
            PaymentHeaders.formatChallenge(challenge("b", "stripe"))
                + ", "
                + PaymentHeaders.formatChallenge(challenge("c", "lightning")));

    assertThat(PaymentHeaders.parseChallenges(headers))
        .extracting(Challenge::id)
        .containsExactly("a", "b", "c");
  }

  @Test
  void parseChallengesWhenOtherSchemesAroundThenSkipped() {
    String header =
        "Bearer realm=\"x\", error=\"invalid_token\", "
            + PaymentHeaders.formatChallenge(challenge("a", "tempo"))
            + ", Basic realm=\"y\", charset=\"UTF-8\"";

    assertThat(PaymentHeaders.parseChallenges(List.of(header)))
        .containsExactly(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenAnotherSchemeRepeatsAParameterThenPaymentStillParsed() {
    String header =
        "Basic realm=\"a\", realm=\"b\", "
            + PaymentHeaders.formatChallenge(challenge("a", "tempo"));

    assertThat(PaymentHeaders.parseChallenges(List.of(header)))
        .containsExactly(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenPaymentRepeatsAParameterThenCodecException() {
    String header = PaymentHeaders.formatChallenge(challenge("a", "tempo")) + ", ID=\"b\"";

    assertThatThrownBy(() -> PaymentHeaders.parseChallenges(List.of(header)))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseChallengesWhenUnknownParametersThenIgnored() {
    String header =
        "Payment id=\"a\", x-trace=abc, realm=\"api.example.com\", method=\"tempo\","
            + " intent=\"charge\", request=\"e30\", future=\"v\\\"2\", expires=\"2026-01-29T12:05:00.000Z\"";

    assertThat(PaymentHeaders.parseChallenge(header)).isEqualTo(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenTokenValuesUnquotedThenAccepted() {
    String header =
        "Payment id=a, realm=api.example.com, method=tempo, intent=charge, request=e30,"
            + " expires=\"2026-01-29T12:05:00.000Z\"";

    assertThat(PaymentHeaders.parseChallenge(header)).isEqualTo(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenParameterNamesUppercaseThenMatched() {
    String header =
        "PAYMENT ID=\"a\", Realm=\"api.example.com\", METHOD=\"tempo\", Intent=\"charge\","
            + " Request=\"e30\", Expires=\"2026-01-29T12:05:00.000Z\"";

    assertThat(PaymentHeaders.parseChallenge(header)).isEqualTo(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenQuotedValueUnterminatedThenDroppedAndRestKept() {
    String header =
        "Payment id=\"a\", realm=\"api.example.com\", method=\"tempo\", intent=\"charge\","
            + " request=\"e30\", expires=\"2026-01-29T12:05:00.000Z\", fuzz=\""
            + "\\".repeat(12_000);

    Challenge parsed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(1), () -> PaymentHeaders.parseChallenge(header));

    assertThat(parsed).isEqualTo(challenge("a", "tempo"));
  }

  @Test
  void parseChallengesWhenRealmEmptyThenKeptButWhenAbsentThenCodecException() {
    Challenge emptyRealm =
        new Challenge("a", "", "tempo", "charge", EMPTY_REQUEST, null, null, null, null);

    assertThat(PaymentHeaders.parseChallenge(PaymentHeaders.formatChallenge(emptyRealm)))
        .isEqualTo(emptyRealm);
    assertThatThrownBy(
            () ->
                PaymentHeaders.parseChallenge(
                    "Payment id=\"a\", method=\"tempo\", intent=\"charge\", request=\"e30\""))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseChallengesWhenNoPaymentChallengeThenCodecException() {
    assertThatThrownBy(() -> PaymentHeaders.parseChallenges(List.of("Basic realm=\"x\"")))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> PaymentHeaders.parseChallenges(List.of()))
        .isInstanceOf(CodecException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Tempo", "tempo2", "tem-po", "t\u00e9mpo"})
  void parseChallengesWhenMethodNotLowercaseLettersThenCodecException(String method) {
    String header =
        "Payment id=\"a\", realm=\"r\", method=\""
            + method
            + "\", intent=\"charge\", request=\"e30\"";

    assertThatThrownBy(() -> PaymentHeaders.parseChallenge(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseChallengesWhenExpiresNotRfc3339ThenCodecException() {
    String header =
        "Payment id=\"a\", realm=\"r\", method=\"tempo\", intent=\"charge\", request=\"e30\","
            + " expires=\"tomorrow\"";

    assertThatThrownBy(() -> PaymentHeaders.parseChallenge(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseChallengesWhenRequestIsNotAJsonObjectThenCodecException() {
    String header =
        "Payment id=\"a\", realm=\"r\", method=\"tempo\", intent=\"charge\", request=\"W10\"";

    assertThatThrownBy(() -> PaymentHeaders.parseChallenge(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseChallengesKeepsRequestAndExpiresExactlyAsSent() {
    String request = Base64Url.encode("{\"b\":\"2\", \"a\":\"1\"}");
    String header =
        "Payment id=\"a\", realm=\"r\", method=\"tempo\", intent=\"charge\", request=\""
            + request
            + "\", expires=\"2026-01-29T12:05:00Z\"";

    Challenge parsed = PaymentHeaders.parseChallenge(header);

    assertThat(parsed.request()).isEqualTo(request);
    assertThat(parsed.expires()).isEqualTo("2026-01-29T12:05:00Z");
  }

  // ---- Payment-Receipt ----------------------------------------------------------------------

  private static final Instant SETTLED = Instant.parse("2026-01-29T12:00:01.234Z");

  @Test
  void formatReceiptIsBase64UrlOfJsonWithCoreMembersAndExtras() {
    Receipt receipt = new Receipt("tempo", "0xfeed", SETTLED, Map.of("externalId", "order-1"));

    String json = Base64Url.decodeUtf8(PaymentHeaders.formatReceipt(receipt));

    assertThat(json)
        .isEqualTo(
            "{\"method\":\"tempo\",\"reference\":\"0xfeed\",\"status\":\"success\","
                + "\"timestamp\":\"2026-01-29T12:00:01.234Z\",\"externalId\":\"order-1\"}");
  }

  @Test
  void parseReceiptWhenOtherSdkWroteItThenAccepted() {
    String header =
        Base64Url.encode(
            "{\"status\":\"success\",\"method\":\"stripe\",\"timestamp\":\"2026-01-29T12:00:00Z\","
                + "\"reference\":\"pi_1\",\"challengeId\":\"ch_1\",\"units\":100,\"x\":{}}");

    Receipt receipt = PaymentHeaders.parseReceipt(header);

    assertThat(receipt.method()).isEqualTo("stripe");
    assertThat(receipt.reference()).isEqualTo("pi_1");
    assertThat(receipt.timestamp()).isEqualTo(Instant.parse("2026-01-29T12:00:00Z"));
    assertThat(receipt.extra())
        .containsExactly(Map.entry("challengeId", "ch_1"), Map.entry("units", 100L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"status\":\"failed\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\"}",
        "{\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\"}",
        "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"yesterday\",\"reference\":\"r\"}",
        "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\"}",
        "{\"status\":\"success\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\"}"
      })
  void parseReceiptWhenNotASuccessfulCompleteReceiptThenCodecException(String json) {
    String header = Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> PaymentHeaders.parseReceipt(header))
        .isInstanceOf(CodecException.class);
  }
}
