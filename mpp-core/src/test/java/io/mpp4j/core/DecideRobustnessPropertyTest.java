package io.mpp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Mpp#decide} answers every input with a decision, never an exception, and never pays for a
 * credential it did not issue (draft-httpauth-payment-00 §8: every failure is a problem response).
 */
class DecideRobustnessPropertyTest {
  private static final Mpp MPP =
      EngineFixture.engine(new MutableClock(EngineFixture.START), new FakePaymentMethod()).build();
  private static final List<Offer> OFFERS = EngineFixture.cents("0.01");
  private static final Challenge ISSUED =
      ((Decision.PaymentRequired) MPP.decide(EngineFixture.get("/f"), OFFERS)).challenges().get(0);

  @Property(tries = 300)
  void decideWhenAnyHeadersThenADecisionAndNeverPaid(
      @ForAll("credentials") String credential,
      @ForAll("headerNames") String header,
      @ForAll("bodies") byte[] body,
      @ForAll("keys") String idempotencyKey) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.computeIfAbsent(header, k -> new ArrayList<>()).add(credential);
    headers.computeIfAbsent("Idempotency-Key", k -> new ArrayList<>()).add(idempotencyKey);
    headers.computeIfAbsent("Accept-Payment", k -> new ArrayList<>()).add(credential);

    Decision decision =
        MPP.decide(
            HttpExchanges.of("POST", "/f", "q=" + header.length(), headers::get, body).build(),
            OFFERS);

    assertThat(decision).isNotNull();
    assertThat(decision).isNotInstanceOf(Decision.Paid.class);
    assertThat(decision.status()).isBetween(400, 599);
  }

  @Provide
  Arbitrary<String> credentials() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300);
    Arbitrary<String> base64 =
        Arbitraries.strings()
            .withChars("ABCxyz019-_=+/ ")
            .ofMaxLength(120)
            .map(s -> "Payment " + s);
    Arbitrary<String> json = jsonCredentials().map(s -> "Payment " + Base64Url.encode(s));
    Arbitrary<String> tampered =
        Combinators.combine(
                Arbitraries.strings().alpha().ofMaxLength(12),
                Arbitraries.of("id", "realm", "method", "intent", "expires", "opaque", "header"))
            .as(DecideRobustnessPropertyTest::tampered);
    return Arbitraries.oneOf(text, base64, json, tampered);
  }

  private static Arbitrary<String> jsonCredentials() {
    return Arbitraries.of(
        "{}",
        "[]",
        "{\"challenge\":{},\"payload\":{}}",
        "{\"challenge\":null,\"payload\":[]}",
        "{\"challenge\":{\"id\":1},\"payload\":{}}",
        "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"FAKE\",\"intent\":\"x\","
            + "\"request\":\"!!\"},\"payload\":{}}",
        "{\"challenge\":{\"id\":\"a\",\"realm\":\"r\",\"method\":\"fake\",\"intent\":\"charge\","
            + "\"request\":\"e30\",\"expires\":\"yesterday\"},\"payload\":{},\"source\":3}");
  }

  /** The issued challenge with one member changed: authentic-looking, never payable. */
  private static String tampered(String value, String member) {
    ObjectNode challenge = PaymentHeaders.challengeJson(ISSUED);
    challenge.put(member, value);
    ObjectNode credential = Json.object();
    credential.set("challenge", challenge);
    credential.putObject("payload").put("token", "t-" + value);
    return "Payment " + Base64Url.encode(Json.write(credential));
  }

  @Provide
  Arbitrary<String> headerNames() {
    return Arbitraries.of("Authorization", "Payment-Authorization", "authorization");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().ofMaxLength(300);
  }
}
