package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.exchange;
import static io.mpp4j.core.EngineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.StubSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resource-bound intent's challenge (a session) pays on other HTTP methods of the same resource
 * and without the body it bound, and the handler learns it through {@code sameRequest()}; other
 * resources, other bodies and intents that are not resource-bound stay refused.
 */
class ResourceBoundIntentTest {
  private final MutableClock clock = new MutableClock(START);
  private final EchoSession session = new EchoSession();
  private final Mpp mpp = engine(clock, new FakePaymentMethod(), session).build();
  private final List<Offer> offers = List.of(Offer.session("echo").price("0.01").build());

  /** A session method whose receipt says whether the credential came on its own request. */
  static final class EchoSession extends StubSession {
    EchoSession() {
      super("echo");
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<SessionRequest> context) {
      Receipt receipt =
          new Receipt("echo", "channel", context.now())
              .with("sameRequest", context.sameRequest())
              .with("httpMethod", context.exchange().httpMethod().orElse("?"))
              .with("resource", context.exchange().resource().orElse("?"));
      return context.sameRequest() ? Verified.settled(receipt) : Verified.acknowledged(receipt);
    }
  }

  private Challenge challengeFor(String method, String query, byte[] body) {
    Decision decision = mpp.decide(exchange(method, "/llm", query, body), offers);
    return ((Decision.PaymentRequired) decision).challenges().get(0);
  }

  private Decision send(
      Challenge challenge, String method, String path, String query, byte[] body) {
    ObjectNode payload = Json.object().put("voucher", 1);
    String credential = PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
    return mpp.decide(
        exchange(method, path, query, body, "Authorization", credential),
        challenge.method().equals("echo") ? offers : EngineFixture.cents("0.01"));
  }

  @Test
  void decideWhenCredentialOnTheRequestItWasIssuedForThenSameRequest() {
    Challenge challenge = challengeFor("GET", "q=1", new byte[0]);

    Decision decision = send(challenge, "GET", "/llm", "q=1", new byte[0]);

    assertThat(decision).isInstanceOf(Decision.Paid.class);
    assertThat(((Decision.Paid) decision).receipt().extra())
        .containsEntry("sameRequest", true)
        .containsEntry("httpMethod", "GET")
        .containsEntry("resource", "/llm?q=1");
  }

  @Test
  void decideWhenCredentialOnAnotherMethodOfTheResourceThenAcceptedAsAnotherRequest() {
    Challenge challenge = challengeFor("GET", "q=1", new byte[0]);

    Decision post = send(challenge, "POST", "/llm", "q=1", new byte[0]);
    Decision head = send(challenge, "HEAD", "/llm", "q=1", new byte[0]);

    assertThat(post).isInstanceOf(Decision.Acknowledged.class);
    assertThat(((Decision.Acknowledged) post).receipt().extra())
        .containsEntry("sameRequest", false)
        .containsEntry("httpMethod", "POST");
    assertThat(head).isInstanceOf(Decision.Acknowledged.class);
  }

  @Test
  void decideWhenCredentialWithoutTheBoundBodyThenAcceptedAsAnotherRequest() {
    Challenge challenge = challengeFor("POST", null, utf8("{\"prompt\":\"hi\"}"));

    Decision bodiless = send(challenge, "POST", "/llm", null, new byte[0]);
    Decision sameBody = send(challenge, "POST", "/llm", null, utf8("{\"prompt\":\"hi\"}"));
    Decision otherBody = send(challenge, "POST", "/llm", null, utf8("{\"prompt\":\"ho\"}"));

    assertThat(bodiless).isInstanceOf(Decision.Acknowledged.class);
    assertThat(sameBody).isInstanceOf(Decision.Paid.class);
    assertThat(otherBody).isInstanceOf(Decision.PaymentRequired.class);
    assertThat(((Decision.PaymentRequired) otherBody).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
  }

  @Test
  void decideWhenCredentialOnAnotherResourceThenInvalidChallenge() {
    Challenge challenge = challengeFor("GET", "q=1", new byte[0]);

    Decision otherQuery = send(challenge, "GET", "/llm", "q=2", new byte[0]);
    Decision otherPath = send(challenge, "POST", "/other", "q=1", new byte[0]);

    for (Decision decision : List.of(otherQuery, otherPath)) {
      assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
      assertThat(((Decision.PaymentRequired) decision).problem().type())
          .isEqualTo(ProblemType.INVALID_CHALLENGE);
    }
  }

  @Test
  void decideWhenChargeChallengeOnAnotherMethodThenInvalidChallenge() {
    List<Offer> charge = EngineFixture.cents("0.01");
    Challenge challenge =
        ((Decision.PaymentRequired) mpp.decide(exchange("GET", "/llm", null, new byte[0]), charge))
            .challenges()
            .get(0);
    String credential = FakePaymentMethod.pay(List.of(challenge), FakePaymentMethod.ID, "token-1");

    Decision decision =
        mpp.decide(
            exchange("POST", "/llm", null, new byte[0], "Authorization", credential), charge);

    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    assertThat(((Decision.PaymentRequired) decision).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(Intent.CHARGE.resourceBound()).isFalse();
    assertThat(Intent.SESSION.resourceBound()).isTrue();
  }
}
