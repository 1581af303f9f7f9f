package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Dispatch by method and intent, and the shapes an intent other than {@code charge} needs: a
 * reusable challenge whose replay rule the handler keeps (cumulative amounts that only grow, as a
 * session's), management actions answered without the resource handler, usage metered after it, and
 * access granted without a new credential.
 */
class IntentDispatchTest {
  private final MutableClock clock = new MutableClock(START);
  private final TabMethod tab = new TabMethod();
  private final Mpp mpp = engine(clock, new FakePaymentMethod(), tab).build();
  private final List<Offer> perUnit =
      List.of(Offer.session("tab").price("0.01").unitType("request").build());

  /**
   * A session-like intent: payload {@code {"cumulative": n, "action": "voucher"|"use"}}; the
   * accepted cumulative amount per challenge only grows; {@code use} pays the request's price out
   * of it and meters usage after the handler.
   */
  static final class TabMethod implements PaymentMethod, IntentHandler<SessionRequest> {
    final AtomicInteger aborted = new AtomicInteger();

    @Override
    public String id() {
      return "tab";
    }

    @Override
    public List<IntentHandler<?>> handlers() {
      return List.of(this);
    }

    @Override
    public Intent<SessionRequest> intent() {
      return Intent.SESSION;
    }

    @Override
    public SessionRequest request(Offer offer) {
      return new SessionRequest(
          offer.price().toBaseUnits(2),
          offer.term(Offer.UNIT_TYPE),
          null,
          "usd",
          "merchant",
          null,
          null,
          null);
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<SessionRequest> context) {
      long cumulative = credential.payload().path("cumulative").asLong();
      String key = "tab:" + credential.challenge().id();
      Optional<StoreRecord> record = context.store().get(key);
      long accepted = record.map(r -> Long.parseLong(text(r))).orElse(0L);
      long version = record.map(StoreRecord::version).orElse(0L);
      if (cumulative < accepted) {
        throw new SessionExceptions.InvalidSignature("voucher below the accepted amount", "ch");
      }
      if (!context.store().compareAndSet(key, version, bytes(cumulative), Duration.ofHours(1))) {
        throw new PaymentExceptions.VerificationFailed("concurrent voucher");
      }
      Receipt receipt =
          new Receipt("tab", "ch", context.now()).with("acceptedCumulative", "" + cumulative);
      if ("voucher".equals(credential.payloadString("action").orElse(""))) {
        return Verified.acknowledged(receipt);
      }
      BigInteger price = context.request().amount();
      return Verified.metered(
          receipt,
          new Metering() {
            @Override
            public Receipt complete(Usage usage) {
              return receipt.with(
                  "spent", price.multiply(BigInteger.valueOf(1 + usage.units())).toString());
            }

            @Override
            public void abort(Throwable cause) {
              aborted.incrementAndGet();
            }
          });
    }

    @Override
    public Optional<Verified> admitWithoutCredential(
        PaymentExchange exchange, SessionRequest request) {
      return exchange.header("X-Member").contains("gold")
          ? Optional.of(Verified.settled(new Receipt("tab", "membership", START)))
          : Optional.empty();
    }

    private static String text(StoreRecord record) {
      return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(long value) {
      return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }
  }

  private Challenge challenge() {
    return ((Decision.PaymentRequired) mpp.decide(get("/llm"), perUnit)).challenges().get(0);
  }

  private Decision send(Challenge challenge, long cumulative, String action) {
    ObjectNode payload = Json.object().put("cumulative", cumulative).put("action", action);
    String credential =
        PaymentHeaders.formatCredential(new Credential(challenge, payload, "did:example:payer"));
    return mpp.decide(get("/llm", "Authorization", credential), perUnit);
  }

  @Test
  void decideWhenHandlerManagedIntentThenOneChallengeServesManyGrowingCredentials() {
    Challenge challenge = challenge();

    Decision first = send(challenge, 5, "use");
    Decision second = send(challenge, 9, "use");
    Decision lower = send(challenge, 3, "use");

    assertThat(challenge.intent()).isEqualTo("session");
    assertThat(challenge.requestJson().path("unitType").asText()).isEqualTo("request");
    assertThat(first).isInstanceOf(Decision.Paid.class);
    assertThat(second).isInstanceOf(Decision.Paid.class);
    assertProblem(lower, ProblemType.SESSION_INVALID_SIGNATURE, 402);
    assertThat(((Decision.PaymentRequired) lower).problem().members())
        .containsEntry("channelId", "ch");
  }

  @Test
  void decideWhenManagementActionThenAcknowledgedWithReceiptAndNoHandler() {
    Decision decision = send(challenge(), 7, "voucher");

    assertThat(decision).isInstanceOf(Decision.Acknowledged.class);
    assertThat(decision.status()).isEqualTo(204);
    assertThat(((Decision.Acknowledged) decision).receipt().extra())
        .containsEntry("acceptedCumulative", "7");
  }

  @Test
  void settlementWhenHandlerReportsUsageThenMeteringChargesItAndAbortReleases() {
    Decision.Paid paid = (Decision.Paid) send(challenge(), 10, "use");
    Decision.Paid failed = (Decision.Paid) send(challenge(), 10, "use");

    Receipt completed = paid.settlement().complete(Served.status(200).usage(Usage.units(4)));
    failed.settlement().abort(new IllegalStateException("handler bug"));

    assertThat(completed.extra()).containsEntry("spent", "5");
    assertThat(paid.settlement().isOpen()).isFalse();
    assertThat(paid.settlement().complete()).isEqualTo(paid.receipt());
    assertThat(tab.aborted).hasValue(1);
  }

  @Test
  void decideWhenHandlerAdmitsWithoutCredentialThenPaidWithoutChallenge() {
    Decision member = mpp.decide(get("/llm", "X-Member", "gold"), perUnit);
    Decision stranger = mpp.decide(get("/llm", "X-Member", "none"), perUnit);

    assertThat(member).isInstanceOf(Decision.Paid.class);
    assertThat(((Decision.Paid) member).receipt().reference()).isEqualTo("membership");
    assertThat(stranger).isInstanceOf(Decision.PaymentRequired.class);
  }

  @Test
  void decideWhenRouteOffersTwoIntentsThenBothChallengedAndEachDispatched() {
    List<Offer> both =
        List.of(
            Offer.charge("fake").price("0.05").build(), Offer.session("tab").price("0.01").build());

    Decision.PaymentRequired challenges = (Decision.PaymentRequired) mpp.decide(get("/llm"), both);

    assertThat(challenges.challenges())
        .extracting(c -> c.method() + "/" + c.intent())
        .containsExactly("fake/charge", "tab/session");
  }

  @Test
  void requestWhenNoMethodServesTheOfferThenRefusedAtDeclarationAndDecideAnswers500() {
    Offer unknownIntent = Offer.of("fake", "subscription").price("1").build();
    Offer unknownMethod = Offer.charge("nobody").price("1").build();

    assertThatThrownBy(() -> mpp.request(unknownIntent))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not serve intent subscription");
    assertThatThrownBy(() -> mpp.request(unknownMethod))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody");
    assertProblem(mpp.decide(get("/x"), List.of(unknownMethod)), ProblemType.INTERNAL_ERROR, 500);
  }

  @Test
  void buildWhenMethodServesAnIntentTwiceThenRefused() {
    PaymentMethod twice =
        new PaymentMethod() {
          @Override
          public String id() {
            return "twice";
          }

          @Override
          public List<IntentHandler<?>> handlers() {
            return List.of(tab, tab);
          }
        };

    assertThatThrownBy(() -> engine(clock, twice).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void decideWhenMethodCrashesThenServiceUnavailableAndChallengeNotBurned() {
    FakePaymentMethod fake = new FakePaymentMethod();
    Mpp engine = engine(clock, fake).build();
    List<Challenge> challenges =
        ((Decision.PaymentRequired) engine.decide(get("/f"), EngineFixture.cents("0.01")))
            .challenges();

    Decision crashed =
        engine.decide(
            get("/f", "Authorization", FakePaymentMethod.pay(challenges, "fake", "crash")),
            EngineFixture.cents("0.01"));
    Decision retried =
        engine.decide(
            get("/f", "Authorization", FakePaymentMethod.pay(challenges, "fake", "ok")),
            EngineFixture.cents("0.01"));

    assertProblem(crashed, ProblemType.SERVICE_UNAVAILABLE, 503);
    assertThat(retried).isInstanceOf(Decision.Paid.class);
  }
}
