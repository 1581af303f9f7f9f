package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.codec.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The subscription challenge's request: a template per offer, completed per challenge. */
class TempoSubscriptionIntentTest {
  private static final String MERCHANT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private final TempoSubscriptionIntent intent = intent(Duration.ofHours(1));

  static TempoSubscriptionIntent intent(Duration grace) {
    TempoMethod method =
        TempoMethod.builder()
            .chainId(31337)
            .rpcUrl("http://127.0.0.1:1")
            .currency("0x20c0000000000000000000000000000000000000")
            .recipient(MERCHANT)
            .feePayer(
                Secret.of("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"))
            .subscriptions(
                TempoSubscriptionSettings.builder()
                    .accessKeySecret(Secret.of(SubscriptionHarness.ACCESS_KEY_SECRET))
                    .gracePeriod(grace)
                    .build())
            .build();
    return (TempoSubscriptionIntent) method.handlers().get(1);
  }

  @Test
  void offerWhenDailyThenTemplateAndChallengeRequestCompleteIt() {
    SubscriptionRequest template =
        intent.request(Offer.subscription("tempo").price("1.00").period("day", 1).build());
    Instant expires = Instant.parse("2026-05-01T10:00:00.250Z");

    SubscriptionRequest request = intent.challengeRequest(template, "n0nce", expires);
    SubscriptionTerms terms = SubscriptionTerms.of(request);

    assertThat(template.subscriptionExpires()).isNull();
    assertThat(request.methodDetails().has(TempoSubscriptionIntent.LENGTH)).isFalse();
    assertThat(request.subscriptionExpires()).isEqualTo("2026-05-31T10:00:00.000Z");
    assertThat(Timestamps.parse(request.subscriptionExpires())).isAfter(expires);
    assertThat(terms.periodSeconds()).isEqualTo(86_400);
    assertThat(terms.amount().longValueExact()).isEqualTo(1_000_000);
    assertThat(terms.recipient()).isEqualTo(MERCHANT);
    assertThat(terms.accessKey())
        .isEqualTo(
            new SubscriptionKeys(Secret.of(SubscriptionHarness.ACCESS_KEY_SECRET))
                .address("n0nce"));
    assertThat(intent.challengeRequest(template, "n0nce", expires).toWire())
        .isEqualTo(request.toWire());
    assertThat(intent.challengeRequest(template, "other", expires).toWire())
        .isNotEqualTo(request.toWire());
    assertThat(terms.planKey())
        .isEqualTo(
            SubscriptionTerms.of(intent.challengeRequest(template, "other", expires)).planKey());
  }

  @Test
  void offerWhenLengthAndWeeksGivenThenUsed() {
    SubscriptionRequest template =
        intent.request(
            Offer.subscription("tempo")
                .price("5")
                .period("week", 2)
                .subscriptionLength(Duration.ofDays(90))
                .build());

    SubscriptionRequest request =
        intent.challengeRequest(template, "n", Instant.parse("2026-05-01T10:00:00Z"));

    assertThat(request.subscriptionExpires()).isEqualTo("2026-07-30T10:00:00.000Z");
    assertThat(SubscriptionTerms.of(request).periodSeconds()).isEqualTo(2 * 604_800);
  }

  @Test
  void offerWhenMonthlyOrWithoutPeriodOrFreeOrGraceTooLongThenRefused() {
    assertThatThrownBy(
            () -> intent.request(Offer.subscription("tempo").price("1").period("month", 1).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("month");
    assertThatThrownBy(() -> intent.request(Offer.subscription("tempo").price("1").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> intent.request(Offer.subscription("tempo").price("0").period("day", 1).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                intent(Duration.ofDays(1))
                    .request(Offer.subscription("tempo").price("1").period("day", 1).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grace");
  }

  @Test
  void methodWhenSubscriptionsWithoutFeePayerThenRefused() {
    assertThatThrownBy(
            () ->
                TempoMethod.builder()
                    .chainId(31337)
                    .rpcUrl("http://127.0.0.1:1")
                    .currency("0x20c0000000000000000000000000000000000000")
                    .recipient(MERCHANT)
                    .subscriptions(
                        TempoSubscriptionSettings.builder()
                            .accessKeySecret(Secret.of(SubscriptionHarness.ACCESS_KEY_SECRET))
                            .build())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fee payer");
    assertThatThrownBy(() -> TempoSubscriptionSettings.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }
}
