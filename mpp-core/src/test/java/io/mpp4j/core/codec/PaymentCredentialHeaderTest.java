package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Credential;
import org.junit.jupiter.api.Test;

/**
 * The {@code Authorization: Payment} credential (draft-httpauth-payment-00, "Credentials
 * (Authorization)") in the cases the conformance vectors do not cover.
 */
class PaymentCredentialHeaderTest {
  private static Credential credential() {
    ObjectNode payload = Json.object().put("type", "hash").put("hash", "0xabc");
    return new Credential(
        PaymentHeadersTest.challenge("a", "tempo"), payload, "did:pkh:eip155:4217:0x01");
  }

  private static String encodedCredential(String json) {
    return "Payment " + Base64Url.encode(json);
  }

  @Test
  void formatCredentialThenParseGivesSameCredential() {
    Credential parsed =
        PaymentHeaders.parseCredential(PaymentHeaders.formatCredential(credential()));

    assertThat(parsed.challenge()).isEqualTo(credential().challenge());
    assertThat(parsed.payload()).isEqualTo(credential().payload());
    assertThat(parsed.source()).isEqualTo("did:pkh:eip155:4217:0x01");
  }

  @Test
  void formatCredentialIsPaymentSchemeAndUnpaddedBase64UrlJson() {
    String header = PaymentHeaders.formatCredential(credential());

    assertThat(header).startsWith("Payment ").doesNotContain("=");
    ObjectNode json = Json.parseObject(Base64Url.decode(header.substring(8)));
    assertThat(json.get("challenge").get("request").textValue())
        .isEqualTo(PaymentHeadersTest.EMPTY_REQUEST);
    assertThat(json.get("payload").get("hash").textValue()).isEqualTo("0xabc");
  }

  @Test
  void parseCredentialWhenSchemeInOtherCaseOrPaddedWithSpacesThenAccepted() {
    String token = PaymentHeaders.formatCredential(credential()).substring(8);

    assertThat(PaymentHeaders.parseCredential("payment " + token).challenge().id()).isEqualTo("a");
    assertThat(PaymentHeaders.parseCredential("  Payment   " + token + "  ").challenge().id())
        .isEqualTo("a");
  }

  @Test
  void parseCredentialWhenSeveralTokensThenCodecException() {
    String token = PaymentHeaders.formatCredential(credential()).substring(8);

    assertThatThrownBy(() -> PaymentHeaders.parseCredential("Payment " + token + " " + token))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> PaymentHeaders.parseCredential("Payment " + token + "," + token))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> PaymentHeaders.parseCredential("Payment"))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void isPaymentAuthorizationOnlyForThePaymentScheme() {
    assertThat(PaymentHeaders.isPaymentAuthorization("Payment abc")).isTrue();
    assertThat(PaymentHeaders.isPaymentAuthorization("PAYMENT abc")).isTrue();
    assertThat(PaymentHeaders.isPaymentAuthorization("Bearer abc")).isFalse();
    assertThat(PaymentHeaders.isPaymentAuthorization("PaymentX abc")).isFalse();
    assertThat(PaymentHeaders.isPaymentAuthorization("Pay")).isFalse();
  }

  @Test
  void parseCredentialWhenPayloadNotAnObjectThenCodecException() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":\"e30\"},\"payload\":\"0xabc\"}");

    assertThatThrownBy(() -> PaymentHeaders.parseCredential(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseCredentialWhenSourceNotAStringThenCodecException() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":\"e30\"},\"payload\":{},\"source\":{\"did\":\"x\"}}");

    assertThatThrownBy(() -> PaymentHeaders.parseCredential(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseCredentialWhenEchoedRequestIsAnObjectThenCodecException() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":{}},\"payload\":{}}");

    assertThatThrownBy(() -> PaymentHeaders.parseCredential(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseCredentialWhenEchoedMemberHasWrongTypeThenCodecException() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":7,\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":\"e30\"},\"payload\":{}}");

    assertThatThrownBy(() -> PaymentHeaders.parseCredential(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseCredentialWhenDuplicateMembersThenCodecException() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":\"e30\"},\"payload\":{},\"payload\":{\"x\":1}}");

    assertThatThrownBy(() -> PaymentHeaders.parseCredential(header))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseCredentialIgnoresUnknownMembers() {
    String header =
        encodedCredential(
            "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":\"e30\",\"future\":1},\"payload\":{},\"v\":2}");

    assertThat(PaymentHeaders.parseCredential(header).challenge().id()).isEqualTo("a");
  }
}
