package io.mpp4j.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Offer;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The challenge request (draft-stripe-charge-00 §Request Schema). */
class StripeRequestTest {

  private final StripeMethod method = Fixtures.method().metadata("plan", "pro").build();

  @Test
  void requestWhenDecimalUsdPriceThenCentsAndMethodDetails() {
    ChargeRequest request =
        Fixtures.charge(
            method,
            Offer.charge("stripe").price("25.00").description("Report").externalId("o-1").build());

    ObjectNode expected = Json.object();
    expected.put("amount", "2500");
    expected.put("currency", "usd");
    expected.put("description", "Report");
    expected.put("externalId", "o-1");
    ObjectNode details = expected.putObject("methodDetails");
    details.put("networkId", Fixtures.NETWORK_ID);
    details.putArray("paymentMethodTypes").add("card").add("link");
    details.putObject("metadata").put("plan", "pro");
    assertThat(request.toJson()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "usd, 0.5, 50",
    "EUR, 12.34, 1234",
    "jpy, 500, 500",
    "krw, 1200, 1200",
    "xof, 100, 100",
    "kwd, 1.234, 1234",
    "bhd, 0.5, 500",
    "tnd, 2, 2000"
  })
  void requestWhenDecimalPriceThenMinorUnitsOfTheCurrency(
      String currency, String price, long minorUnits) {
    ChargeRequest request =
        Fixtures.charge(method, Offer.charge("stripe").price(price).currency(currency).build());

    assertThat(request.amount()).isEqualTo(BigInteger.valueOf(minorUnits));
    assertThat(request.currency()).isEqualTo(currency.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void requestWhenZeroDecimalCurrencyHasFractionThenRefused() {
    Offer offer = Offer.charge("stripe").price("0.5").currency("jpy").build();

    assertThatThrownBy(() -> Fixtures.charge(method, offer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decimals");
  }

  @Test
  void requestWhenBaseUnitsThenUsedAsIs() {
    ChargeRequest request =
        Fixtures.charge(method, Offer.charge("stripe").baseUnits(777).currency("jpy").build());

    assertThat(request.amount()).isEqualTo(BigInteger.valueOf(777));
  }

  @Test
  void requestWhenConfiguredCurrencyThenUsedForOffersWithoutOne() {
    StripeMethod eur = Fixtures.method().currency("EUR").build();

    assertThat(Fixtures.charge(eur, Offer.charge("stripe").price("1").build()).currency())
        .isEqualTo("eur");
  }

  @Test
  void requestWhenZeroOrTooLargeThenRefused() {
    assertThatThrownBy(() -> Fixtures.charge(method, Offer.charge("stripe").price("0").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Fixtures.charge(method, Offer.charge("stripe").price("1000000.00").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eight digits");
    assertThatThrownBy(
            () ->
                Fixtures.charge(
                    method, Offer.charge("stripe").price("1").currency("usdollar").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestWhenConnectConfiguredThenNothingOfItInTheChallenge() {
    StripeMethod connect =
        Fixtures.method()
            .onBehalfOf("acct_1Connected0001")
            .transferDestination("acct_1Connected0001")
            .transferAmount(2000)
            .transferGroup("order-group-7")
            .build();

    String json =
        Json.write(Fixtures.charge(connect, Offer.charge("stripe").price("25").build()).toJson());

    assertThat(json)
        .doesNotContain("acct_", "transfer", "on_behalf_of", "application_fee", "order-group-7");
  }

  @Test
  void requestWhenConnectAmountExceedsPriceThenRefused() {
    StripeMethod connect =
        Fixtures.method()
            .transferDestination("acct_1Connected0001")
            .applicationFeeAmount(600)
            .build();

    assertThat(Fixtures.charge(connect, Offer.charge("stripe").price("6.00").build()).amount())
        .isEqualTo(BigInteger.valueOf(600));
    assertThatThrownBy(() -> Fixtures.charge(connect, Offer.charge("stripe").price("5.99").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestWhenEqualOffersThenEqualRequests() {
    Offer offer = Offer.charge("stripe").price("3.10").build();

    assertThat(Fixtures.charge(method, offer).toWire())
        .isEqualTo(Fixtures.charge(method, offer).toWire());
  }
}
