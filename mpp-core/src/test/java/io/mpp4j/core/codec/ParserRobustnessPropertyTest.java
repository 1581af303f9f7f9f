package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every parser of untrusted input answers any input with a value or a {@link CodecException} and
 * nothing else (draft-httpauth-payment-00 §5: malformed credentials become {@code
 * malformed-credential}, never a server error).
 */
class ParserRobustnessPropertyTest {

  @Property
  void parseChallengesGivesChallengesOrCodecExceptionForAnyText(
      @ForAll("anyHeaders") String header) {
    valueOrCodecException(() -> PaymentHeaders.parseChallenges(List.of(header)));
  }

  @Property
  void parseChallengesGivesChallengesOrCodecExceptionForNearlyValidChallenges(
      @ForAll("nearlyValid") String header) {
    boolean parsed = valueOrCodecException(() -> PaymentHeaders.parseChallenges(List.of(header)));
    Statistics.label("parsed").collect(parsed).coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  @Property
  void parseCredentialGivesCredentialOrCodecException(@ForAll("credentialHeaders") String header) {
    valueOrCodecException(() -> PaymentHeaders.parseCredential(header));
  }

  @Property
  void parseReceiptGivesReceiptOrCodecException(@ForAll("receiptHeaders") String header) {
    valueOrCodecException(() -> PaymentHeaders.parseReceipt(header));
  }

  @Property
  void acceptPaymentParseNeverThrows(@ForAll("anyHeaders") String header) {
    AcceptPayment accept = AcceptPayment.parse(List.of(header));
    double weight = accept.weight("tempo", "charge");
    assertThat(weight).isBetween(0.0, 1.0);
  }

  @Property
  void base64UrlDecodeGivesBytesOrCodecException(@ForAll("base64ish") String text) {
    valueOrCodecException(() -> Base64Url.decode(text));
    valueOrCodecException(() -> Base64Url.decodeUtf8(text));
  }

  @Property
  void contentDigestMatchesGivesAnswerOrCodecException(
      @ForAll("digests") String digest, @ForAll byte[] body) {
    valueOrCodecException(() -> ContentDigest.matches(digest, body));
  }

  @Property
  void jsonParseObjectGivesObjectOrCodecException(@ForAll("jsonTexts") String text) {
    valueOrCodecException(() -> Json.parseObject(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs {@code parse}; returns whether it produced a value (a CodecException is fine). */
  private static boolean valueOrCodecException(Supplier<?> parse) {
    Object value;
    try {
      value = parse.get();
    } catch (CodecException expected) {
      return false;
    }
    assertThat(value).isNotNull();
    return true;
  }

  @Provide
  Arbitrary<String> anyHeaders() {
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        CodecArbitraries.headerFragments(),
        CodecArbitraries.paymentChallenges());
  }

  @Provide
  Arbitrary<String> nearlyValid() {
    return CodecArbitraries.nearlyValidChallenges();
  }

  @Provide
  Arbitrary<String> credentialHeaders() {
    Arbitrary<String> encodedJson =
        CodecArbitraries.json(3).map(JsonNode::toString).map(Base64Url::encode);
    Arbitrary<String> credentialLike =
        CodecArbitraries.json(2)
            .map(
                challenge -> {
                  var node = Json.object();
                  node.set("challenge", challenge);
                  node.set("payload", Json.object().put("token", "t"));
                  return Base64Url.encode(node.toString());
                });
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        CodecArbitraries.headerFragments(),
        Arbitraries.oneOf(encodedJson, credentialLike, Arbitraries.strings())
            .map(token -> "Payment " + token));
  }

  @Provide
  Arbitrary<String> receiptHeaders() {
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        CodecArbitraries.json(2).map(JsonNode::toString).map(Base64Url::encode));
  }

  @Provide
  Arbitrary<String> base64ish() {
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .withCharRange('a', 'z')
            .withChars('-', '_', '=', '+', '/', '0', '9')
            .ofMaxLength(20));
  }

  @Provide
  Arbitrary<String> digests() {
    Arbitrary<String> member =
        Arbitraries.oneOf(
            Arbitraries.of("sha-256", "SHA-512", "md5", "", "sha-256 ")
                .flatMap(
                    alg ->
                        base64ish()
                            .map(v -> alg + "=" + (v.length() % 2 == 0 ? ":" + v + ":" : v))),
            Arbitraries.strings().ofMaxLength(10));
    return member.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(",", parts));
  }

  @Provide
  Arbitrary<String> jsonTexts() {
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        CodecArbitraries.json(4).map(JsonNode::toString),
        Arbitraries.of("{", "[", "{\"a\":", "\"", "1e99999", "{}{}", "{\"a\":1,\"a\":2}")
            .list()
            .ofMaxSize(20)
            .map(parts -> String.join("", parts)));
  }
}
