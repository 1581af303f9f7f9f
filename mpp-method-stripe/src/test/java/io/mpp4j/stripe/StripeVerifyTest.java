package io.mpp4j.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Verification rules before and after the Stripe call (draft-stripe-charge-00 §Verification
 * Procedure), with Stripe replaced by a recording gateway.
 */
class StripeVerifyTest {
  private final List<IntentRequest> sent = new CopyOnWriteArrayList<>();
  private final MemoryStore store = new MemoryStore();

  private StripeMethod method(Function<IntentRequest, IntentResult> stripe) {
    return Fixtures.method()
        .gateway(
            request -> {
              sent.add(request);
              return stripe.apply(request);
            })
        .build();
  }

  private static IntentResult succeeded(IntentRequest r) {
    return new IntentResult("pi_ok", "succeeded", r.amount(), r.currency(), false);
  }

  private Receipt pay(StripeMethod method, ChargeRequest request, String spt, String externalId) {
    Credential credential = Fixtures.credential(request, Fixtures.payload(spt, externalId));
    return Fixtures.verify(method, credential, Fixtures.context(request, store));
  }

  @Test
  void verifyWhenSucceededThenReceiptFromServerRequestAndClock() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, "order-42");

    Receipt receipt = pay(method, request, Fixtures.SPT, "order-42");

    assertThat(receipt.method()).isEqualTo("stripe");
    assertThat(receipt.reference()).isEqualTo("pi_ok");
    assertThat(receipt.timestamp()).isEqualTo(Fixtures.NOW);
    assertThat(receipt.extra()).containsExactly(Map.entry("externalId", "order-42"));
    assertThat(sent).singleElement().satisfies(r -> assertThat(r.amount()).isEqualTo(2500));
  }

  @Test
  void verifyWhenSptMissingOrMalformedThenInvalidPayloadAndStripeNeverCalled() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, null);

    for (String spt : new String[] {null, "pm_card_visa", "spt_", "spt_has space", "spt_x\n"}) {
      assertThatThrownBy(() -> pay(method, request, spt, null))
          .isInstanceOf(PaymentExceptions.InvalidPayload.class);
    }
    assertThat(sent).isEmpty();
  }

  @Test
  void verifyWhenPayloadExternalIdDiffersOrMissingThenInvalidChallengeAndTokenUnclaimed() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, "server-order-123");

    assertThatThrownBy(() -> pay(method, request, Fixtures.SPT, "attacker-order-999"))
        .isInstanceOf(PaymentExceptions.InvalidChallenge.class);
    assertThatThrownBy(() -> pay(method, request, Fixtures.SPT, null))
        .isInstanceOf(PaymentExceptions.InvalidChallenge.class);
    assertThat(sent).isEmpty();

    assertThat(pay(method, request, Fixtures.SPT, "server-order-123").reference())
        .isEqualTo("pi_ok");
  }

  @Test
  void verifyWhenOnlyPayloadHasExternalIdThenNotAttributed() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, null);

    Receipt receipt = pay(method, request, Fixtures.SPT, "attacker-order-999");

    assertThat(receipt.extra()).isEmpty();
  }

  @Test
  void verifyWhenTokenReusedOnAnotherChallengeThenRefusedWithoutCallingStripe() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, null);
    pay(method, request, Fixtures.SPT, null);

    assertThatThrownBy(() -> pay(method, request, Fixtures.SPT, null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThat(sent).hasSize(1);
  }

  @Test
  void verifyWhenStripeChargedAnotherAmountOrCurrencyThenVerificationFailed() {
    StripeMethod lower =
        method(r -> new IntentResult("pi_x", "succeeded", r.amount() - 1, r.currency(), false));
    StripeMethod otherCurrency =
        method(r -> new IntentResult("pi_y", "succeeded", r.amount(), "eur", false));
    StripeMethod unknownAmount =
        method(r -> new IntentResult("pi_z", "succeeded", null, r.currency(), false));
    ChargeRequest request = Fixtures.request(lower, null);

    assertThatThrownBy(() -> pay(lower, request, "spt_a1", null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(() -> pay(otherCurrency, request, "spt_a2", null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(() -> pay(unknownAmount, request, "spt_a3", null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
  }

  @Test
  void verifyWhenStatusIsNotSucceededThenRefusedByKind() {
    ChargeRequest request = Fixtures.request(method(StripeVerifyTest::succeeded), null);
    Map<String, ProblemType> expected =
        Map.of(
            "requires_action", ProblemType.PAYMENT_ACTION_REQUIRED,
            "processing", ProblemType.VERIFICATION_FAILED,
            "requires_payment_method", ProblemType.VERIFICATION_FAILED,
            "requires_capture", ProblemType.VERIFICATION_FAILED,
            "canceled", ProblemType.VERIFICATION_FAILED);

    expected.forEach(
        (status, type) -> {
          StripeMethod method =
              method(r -> new IntentResult("pi_s", status, r.amount(), r.currency(), false));
          assertThatThrownBy(() -> pay(method, request, "spt_" + status, null))
              .isInstanceOfSatisfying(
                  PaymentException.class, e -> assertThat(e.type()).isEqualTo(type));
        });
  }

  @Test
  void verifyWhenStoreUnavailableThenServiceUnavailableAndStripeNeverCalled() {
    StripeMethod method = method(StripeVerifyTest::succeeded);
    ChargeRequest request = Fixtures.request(method, null);
    Credential credential = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    assertThatThrownBy(
            () -> Fixtures.verify(method, credential, Fixtures.context(request, new DownStore())))
        .isInstanceOf(PaymentExceptions.ServiceUnavailable.class);
    assertThat(sent).isEmpty();
  }

  @Test
  void verifyWhenSentThenIdempotencyKeyAndMetadataBindTheChallenge() {
    StripeMethod method =
        Fixtures.method()
            .metadata("plan", "pro")
            .gateway(
                r -> {
                  sent.add(r);
                  return succeeded(r);
                })
            .build();
    ChargeRequest request = Fixtures.request(method, null);
    Credential credential = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    Fixtures.verify(method, credential, Fixtures.context(request, store));

    String id = credential.challenge().id();
    assertThat(sent)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.idempotencyKey()).isEqualTo("mpp_" + id + "_" + Fixtures.SPT);
              assertThat(r.metadata())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of(
                          "plan",
                          "pro",
                          "mpp_challenge_id",
                          id,
                          "mpp_intent",
                          "charge",
                          "mpp_server_id",
                          Fixtures.REALM));
              assertThat(r.toString()).doesNotContain(Fixtures.SPT);
            });
  }

  /** A store whose backend is down. */
  private static final class DownStore implements Store {
    @Override
    public boolean claim(String key, Duration ttl) {
      throw new StoreUnavailableException("down", null);
    }

    @Override
    public void release(String key) {
      throw new StoreUnavailableException("down", null);
    }

    @Override
    public Optional<StoreRecord> get(String key) {
      throw new StoreUnavailableException("down", null);
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
      throw new StoreUnavailableException("down", null);
    }

    @Override
    public void delete(String key) {
      throw new StoreUnavailableException("down", null);
    }
  }
}
