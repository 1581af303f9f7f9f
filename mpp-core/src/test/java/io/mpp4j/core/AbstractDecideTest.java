package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.exchange;
import static io.mpp4j.core.EngineFixture.get;

import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.util.List;

/** One engine with the fake method, a fixed clock and the helpers the decide tests share. */
abstract class AbstractDecideTest {
  final MutableClock clock = new MutableClock(START);
  final FakePaymentMethod fake = new FakePaymentMethod();
  final Mpp mpp = engine(clock, fake).build();

  Decision.PaymentRequired challenge(PaymentExchange exchange, List<Offer> offers) {
    return (Decision.PaymentRequired) mpp.decide(exchange, offers);
  }

  String payFortune(String token) {
    return FakePaymentMethod.pay(
        challenge(get("/fortune"), cents("0.01")).challenges(), "fake", token);
  }

  static String credential(Challenge challenge, String token) {
    return PaymentHeaders.formatCredential(
        new Credential(challenge, Json.object().put("token", token), null));
  }
}
