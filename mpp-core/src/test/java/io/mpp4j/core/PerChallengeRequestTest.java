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
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An intent whose request differs per challenge (as a Tempo subscription's access key and end do):
 * each challenge carries its own request, a credential is pinned to the one its challenge's nonce
 * and expiry make, a handler that records its own payments is not recorded twice, and a method gets
 * the engine's services when the engine is built.
 */
class PerChallengeRequestTest {
  private final MutableClock clock = new MutableClock(START);
  private final MemoryLedger ledger = new MemoryLedger();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final Plans plans = new Plans();
  private final Mpp mpp = engine(clock, plans).ledger(ledger).listener(events::add).build();
  private final List<Offer> offers =
      List.of(Offer.subscription("plans").price("5.00").period("week", 1).build());

  /**
   * Payload {@code {"seed": "..."}} must name the challenge's nonce; verified credentials are
   * granted and recorded by the method itself through the engine's services.
   */
  static final class Plans implements PaymentMethod, IntentHandler<SubscriptionRequest> {
    final AtomicReference<PaymentServices> services = new AtomicReference<>();
    final AtomicReference<VerificationContext<SubscriptionRequest>> seen = new AtomicReference<>();

    @Override
    public String id() {
      return "plans";
    }

    @Override
    public List<IntentHandler<?>> handlers() {
      return List.of(this);
    }

    @Override
    public void attach(PaymentServices engine) {
      services.set(engine);
    }

    @Override
    public Intent<SubscriptionRequest> intent() {
      return Intent.SUBSCRIPTION;
    }

    @Override
    public SubscriptionRequest request(Offer offer) {
      return new SubscriptionRequest(
          offer.price().toBaseUnits(2),
          "usd",
          offer.term(Offer.PERIOD_UNIT),
          Long.parseLong(offer.term(Offer.PERIOD_COUNT)),
          "merchant",
          null,
          null,
          null,
          null);
    }

    @Override
    public SubscriptionRequest challengeRequest(
        SubscriptionRequest offered, String nonce, Instant expires) {
      ObjectNode details = Json.object().put("seed", nonce);
      return new SubscriptionRequest(
          offered.amount(),
          offered.currency(),
          offered.periodUnit(),
          offered.periodCount(),
          offered.recipient(),
          Timestamps.format(expires.plus(Duration.ofDays(1))),
          null,
          null,
          details);
    }

    @Override
    public Verified verify(
        Credential credential, VerificationContext<SubscriptionRequest> context) {
      seen.set(context);
      String seed = credential.payloadString("seed").orElse("");
      if (!seed.equals(context.request().detail("seed").orElseThrow().asText())) {
        throw new PaymentExceptions.VerificationFailed("not this challenge's seed");
      }
      services
          .get()
          .record(
              new LedgerEntry(
                  "plans:" + seed,
                  context.now(),
                  context.now(),
                  LedgerEntry.Status.SETTLED,
                  "GET /plan",
                  "plans",
                  "subscription",
                  BigInteger.valueOf(500),
                  "usd",
                  null,
                  "ref-" + seed,
                  null,
                  "period 0"));
      return Verified.granted(new Receipt("plans", "ref-" + seed, context.now()));
    }
  }

  private Challenge challenge() {
    return ((Decision.PaymentRequired) mpp.decide(get("/plan"), offers)).challenges().get(0);
  }

  private Decision send(Challenge challenge, String seed) {
    String credential =
        PaymentHeaders.formatCredential(
            new Credential(challenge, Json.object().put("seed", seed), null));
    return mpp.decide(get("/plan", "Authorization", credential), offers);
  }

  @Test
  void challengeWhenIntentMakesRequestsPerChallengeThenEachCarriesItsOwn() {
    Challenge first = challenge();
    Challenge second = challenge();

    assertThat(first.request()).isNotEqualTo(second.request());
    assertThat(first.requestJson().path("subscriptionExpires").asText())
        .isEqualTo(Timestamps.format(Timestamps.parse(first.expires()).plus(Duration.ofDays(1))));
    assertThat(mpp.request(offers.get(0)).toJson().has("methodDetails")).isFalse();
  }

  @Test
  void credentialWhenItEchoesItsChallengesOwnRequestThenHandlerSeesThatRequestAndNonce() {
    Challenge challenge = challenge();
    String seed = challenge.requestJson().path("methodDetails").path("seed").asText();

    Decision decision = send(challenge, seed);

    assertThat(decision).isInstanceOf(Decision.Paid.class);
    VerificationContext<SubscriptionRequest> context = plans.seen.get();
    assertThat(context.challengeNonce()).contains(seed);
    assertThat(context.request().toWire()).isEqualTo(challenge.request());
  }

  @Test
  void credentialWhenItEchoesAnotherChallengesRequestThenInvalidChallenge() {
    Challenge first = challenge();
    Challenge second = challenge();
    Challenge crossed =
        new Challenge(
            first.id(),
            first.realm(),
            first.method(),
            first.intent(),
            second.request(),
            first.expires(),
            first.digest(),
            first.description(),
            first.opaque());

    Decision decision = send(crossed, "anything");

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(plans.seen.get()).isNull();
  }

  @Test
  void grantedWhenMethodRecordsItselfThenEngineRecordsNoPaymentOfItsOwn() throws Exception {
    Challenge challenge = challenge();
    String seed = challenge.requestJson().path("methodDetails").path("seed").asText();

    send(challenge, seed);
    Thread.sleep(100);

    List<LedgerEntry> entries =
        ledger.query(LedgerQuery.between(Instant.EPOCH, START.plusSeconds(3600)).build());
    assertThat(entries).extracting(LedgerEntry::challengeId).containsExactly("plans:" + seed);
    assertThat(events).noneMatch(PaymentEvent.PaymentSettled.class::isInstance);
  }

  @Test
  void engineWhenBuiltThenMethodGetsItsServices() {
    PaymentServices services = plans.services.get();

    assertThat(services.realm()).isEqualTo("api.example.com");
    assertThat(services.store()).isSameAs(mpp.store());
    assertThat(services.ledger()).isSameAs(ledger);
    assertThat(services.clock()).isSameAs(clock);
  }

  @Test
  void subscriptionLengthWhenNotWholeSecondsThenRefused() {
    assertThatThrownBy(
            () -> Offer.subscription("plans").subscriptionLength(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            Offer.subscription("plans")
                .price("1")
                .subscriptionLength(Duration.ofDays(30))
                .build()
                .term(Offer.SUBSCRIPTION_LENGTH))
        .isEqualTo("PT720H");
  }

  @Test
  void requestWhenReadFromJsonThenSameRequest() {
    SubscriptionRequest request = plans.challengeRequest(plans.request(offers.get(0)), "n", START);

    assertThat(SubscriptionRequest.fromJson(request.toJson())).isEqualTo(request);
    assertThatThrownBy(() -> SubscriptionRequest.fromJson(request.toJson().put("periodCount", "0")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
