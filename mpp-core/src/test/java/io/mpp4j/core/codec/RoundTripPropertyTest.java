package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the server formats, a client (and this SDK) parses back unchanged: challenges with any
 * printable realm and description, credentials and receipts (draft-httpauth-payment-00 §5).
 */
class RoundTripPropertyTest {
  private static final Set<String> RECEIPT_CORE =
      Set.of("status", "method", "reference", "timestamp");

  @Property
  void formatChallengeThenParseGivesSameChallenge(@ForAll("challenges") Challenge challenge) {
    String header = PaymentHeaders.formatChallenge(challenge);

    assertThat(PaymentHeaders.parseChallenges(List.of(header))).containsExactly(challenge);
  }

  @Property(tries = 200)
  void challengesFormattedIntoOneHeaderParseBackInOrder(
      @ForAll("challenges") Challenge first, @ForAll("challenges") Challenge second) {
    String header =
        PaymentHeaders.formatChallenge(first) + ", " + PaymentHeaders.formatChallenge(second);

    assertThat(PaymentHeaders.parseChallenges(List.of(header))).containsExactly(first, second);
  }

  @Property
  void challengeNativeJsonRoundTrips(@ForAll("challenges") Challenge challenge) {
    assertThat(PaymentJson.challengeFromJson(PaymentJson.toJson(challenge))).isEqualTo(challenge);
  }

  @Property
  void formatCredentialThenParseGivesSameCredential(
      @ForAll("challenges") Challenge challenge,
      @ForAll("payloads") ObjectNode payload,
      @ForAll("sources") String source) {
    Credential credential = new Credential(challenge, payload, source);

    Credential parsed = PaymentHeaders.parseCredential(PaymentHeaders.formatCredential(credential));

    assertThat(parsed.challenge()).isEqualTo(challenge);
    assertThat(parsed.source()).isEqualTo(source);
    assertThat(Jcs.canonicalize(parsed.payload())).isEqualTo(Jcs.canonicalize(payload));
  }

  @Property
  void formatReceiptThenParseGivesSameReceipt(@ForAll("receipts") Receipt receipt) {
    Receipt parsed = PaymentHeaders.parseReceipt(PaymentHeaders.formatReceipt(receipt));

    assertThat(parsed).isEqualTo(receipt);
    assertThat(PaymentJson.receiptFromJson(PaymentJson.toJson(receipt))).isEqualTo(receipt);
  }

  @Provide
  Arbitrary<Challenge> challenges() {
    return CodecArbitraries.challenges();
  }

  @Provide
  Arbitrary<ObjectNode> payloads() {
    return CodecArbitraries.json(2)
        .map(
            value -> {
              ObjectNode payload = Json.object();
              payload.set("proof", value);
              return payload;
            });
  }

  @Provide
  Arbitrary<String> sources() {
    return CodecArbitraries.printable().injectNull(0.3);
  }

  @Provide
  Arbitrary<Receipt> receipts() {
    Arbitrary<Map<String, String>> extra =
        Arbitraries.maps(
                CodecArbitraries.printable().filter(k -> !RECEIPT_CORE.contains(k)),
                CodecArbitraries.printable())
            .ofMaxSize(3);
    return Combinators.combine(
            CodecArbitraries.lowercase(10),
            CodecArbitraries.printable().filter(r -> !r.isEmpty()),
            CodecArbitraries.instants(),
            extra)
        .as(
            (method, reference, timestamp, members) ->
                new Receipt(
                    method,
                    reference,
                    timestamp,
                    new java.util.LinkedHashMap<String, Object>(members)));
  }
}
