package io.mpp4j.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.RecoveryContext;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The {@code charge} intent through Stripe (draft-stripe-charge-00): challenge requests in the
 * currency's smallest unit with {@code networkId}, {@code paymentMethodTypes} and the configured
 * {@code metadata}; credentials settled by {@link ChargeSettlement}.
 */
final class StripeCharge implements IntentHandler<ChargeRequest> {
  private final String networkId;
  private final List<String> paymentMethodTypes;
  private final String defaultCurrency;
  private final Map<String, String> metadata;
  private final ConnectSettings connect;
  private final ChargeSettlement settlement;

  StripeCharge(
      String networkId,
      List<String> paymentMethodTypes,
      String defaultCurrency,
      Map<String, String> metadata,
      ConnectSettings connect,
      ChargeSettlement settlement) {
    this.networkId = networkId;
    this.paymentMethodTypes = List.copyOf(paymentMethodTypes);
    this.defaultCurrency = defaultCurrency;
    this.metadata = Map.copyOf(metadata);
    this.connect = connect;
    this.settlement = settlement;
  }

  @Override
  public Intent<ChargeRequest> intent() {
    return Intent.CHARGE;
  }

  /**
   * The challenge request: a decimal price is converted with the currency's decimals (two by
   * default, none for zero-decimal currencies such as {@code jpy}, three for {@code kwd} and its
   * kind); a base-unit price is used as is.
   *
   * @throws IllegalArgumentException when the currency is not an ISO code, the price has more
   *     decimals than the currency, is zero, exceeds eight digits, or is smaller than a configured
   *     Connect fee or transfer amount
   */
  @Override
  public ChargeRequest request(Offer offer) {
    String currency =
        CurrencyUnits.normalize(offer.currency() == null ? defaultCurrency : offer.currency());
    BigInteger amount = CurrencyUnits.minorUnits(offer.price(), currency);
    connect.checkAgainst(amount);
    ObjectNode details = Json.object();
    details.put("networkId", networkId);
    ArrayNode types = details.putArray("paymentMethodTypes");
    paymentMethodTypes.forEach(types::add);
    if (!metadata.isEmpty()) {
      ObjectNode meta = details.putObject("metadata");
      metadata.forEach(meta::put);
    }
    return new ChargeRequest(
        amount, currency, offer.recipient(), offer.description(), offer.externalId(), details);
  }

  /**
   * Claims the token, creates and confirms the PaymentIntent, and returns a receipt whose {@code
   * reference} is the PaymentIntent id and whose {@code externalId} comes from the server's
   * request.
   */
  @Override
  public Verified verify(Credential credential, VerificationContext<ChargeRequest> context) {
    return Verified.settled(settlement.settle(credential, context));
  }

  /** Asks Stripe again, with the same idempotency key, how an unanswered charge ended. */
  @Override
  public Recovery recover(PendingPayment pending, RecoveryContext context) {
    return settlement.recover(pending, context.clock());
  }
}
