package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Accept-Payment} negotiation (draft-httpauth-payment-00 §7): q-values, wildcards, {@code
 * q=0} exclusion, the most specific range deciding, ties keeping the server's order.
 */
class AcceptPaymentTest {
  private record Offer(String method, String intent) {}

  private static final Offer TEMPO_CHARGE = new Offer("tempo", "charge");
  private static final Offer TEMPO_SESSION = new Offer("tempo", "session");
  private static final Offer STRIPE_CHARGE = new Offer("stripe", "charge");
  private static final Offer LIGHTNING_CHARGE = new Offer("lightning", "charge");
  private static final List<Offer> SERVER_ORDER =
      List.of(TEMPO_CHARGE, TEMPO_SESSION, STRIPE_CHARGE, LIGHTNING_CHARGE);

  private static List<Offer> order(String... header) {
    return AcceptPayment.parse(List.of(header)).order(SERVER_ORDER, Offer::method, Offer::intent);
  }

  @Test
  void parseWhenRangeIsOnlySeparatorsThenIgnoredAsMalformed() {
    for (String header : new String[] {";", ";;q=1", " ; ", "tempo/charge, ;"}) {
      assertThat(AcceptPayment.parse(List.of(header)).weight("tempo", "charge"))
          .as(header)
          .isEqualTo(1.0);
    }
  }

  @Test
  void orderWhenHeaderAbsentThenServerOrder() {
    assertThat(order()).containsExactlyElementsOf(SERVER_ORDER);
    assertThat(AcceptPayment.ANY.weight("anything", "at-all")).isEqualTo(1.0);
  }

  @Test
  void orderWhenQValuesThenHighestFirstAndUnmatchedDropped() {
    assertThat(order("stripe/charge;q=0.4, tempo/charge;q=0.9, lightning/charge"))
        .containsExactly(LIGHTNING_CHARGE, TEMPO_CHARGE, STRIPE_CHARGE);
  }

  @Test
  void orderWhenQIsZeroThenExcluded() {
    assertThat(order("tempo/*, tempo/session;q=0")).containsExactly(TEMPO_CHARGE);
  }

  @Test
  void orderWhenWildcardsThenMatchMethodOrIntent() {
    assertThat(order("*/charge")).containsExactly(TEMPO_CHARGE, STRIPE_CHARGE, LIGHTNING_CHARGE);
    assertThat(order("tempo/*")).containsExactly(TEMPO_CHARGE, TEMPO_SESSION);
    assertThat(order("*/*")).containsExactlyElementsOf(SERVER_ORDER);
  }

  @Test
  void weightWhenSeveralRangesMatchThenMostSpecificDecides() {
    AcceptPayment accept =
        AcceptPayment.parse(List.of("*/*;q=0.1, tempo/*;q=0.5, */charge;q=0.7, tempo/charge;q=1"));

    assertThat(accept.weight("tempo", "charge")).isEqualTo(1.0);
    assertThat(accept.weight("tempo", "session")).isEqualTo(0.5);
    assertThat(accept.weight("stripe", "charge")).isEqualTo(0.7);
    assertThat(accept.weight("stripe", "session")).isEqualTo(0.1);
  }

  @Test
  void weightWhenSpecificRangeHasQZeroThenExcludedDespiteWildcard() {
    AcceptPayment accept = AcceptPayment.parse(List.of("*/*, stripe/charge;q=0"));

    assertThat(accept.weight("stripe", "charge")).isZero();
    assertThat(accept.weight("tempo", "charge")).isEqualTo(1.0);
  }

  @Test
  void orderWhenTiesThenServerOrderKept() {
    assertThat(order("lightning/charge;q=0.5, stripe/charge;q=0.5, tempo/charge;q=0.5"))
        .containsExactly(TEMPO_CHARGE, STRIPE_CHARGE, LIGHTNING_CHARGE);
  }

  @Test
  void orderWhenRangesSpreadOverSeveralHeadersThenAllCount() {
    assertThat(order("stripe/charge;q=0.2", "tempo/session"))
        .containsExactly(TEMPO_SESSION, STRIPE_CHARGE);
  }

  @Test
  void orderWhenCaseDiffersThenRangesStillMatch() {
    assertThat(order("TEMPO/Charge")).containsExactly(TEMPO_CHARGE);
  }

  @Test
  void orderWhenClientAcceptsNoneThenServerOrder() {
    assertThat(order("bitcoin/charge")).containsExactlyElementsOf(SERVER_ORDER);
    assertThat(order("*/*;q=0")).containsExactlyElementsOf(SERVER_ORDER);
  }

  @Test
  void parseWhenMalformedThenIgnored() {
    assertThat(order("tempo")).containsExactlyElementsOf(SERVER_ORDER);
    assertThat(order("tempo/charge;q=2")).containsExactlyElementsOf(SERVER_ORDER);
    assertThat(order("tempo/charge;q=high")).containsExactlyElementsOf(SERVER_ORDER);
    assertThat(order("/charge")).containsExactlyElementsOf(SERVER_ORDER);
  }

  @Test
  void parseWhenUnknownParametersThenIgnored() {
    assertThat(order("stripe/charge;foo=bar;q=0.3, tempo/charge;level=1"))
        .containsExactly(TEMPO_CHARGE, STRIPE_CHARGE);
  }
}
