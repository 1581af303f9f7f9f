package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code subscription} intent on Tempo (draft-tempo-subscription-00 §"Request Schema"): an
 * offer's price per period, its {@code period} and {@code subscriptionLength} terms become a
 * request template; each challenge then names its own access key (derived from the challenge's
 * nonce) and ends {@code subscriptionLength} after the challenge expires, so {@code
 * subscriptionExpires} is always later than {@code expires}. Months are refused: TIP-1011 periods
 * are fixed lengths of time.
 */
final class TempoSubscriptionIntent implements IntentHandler<SubscriptionRequest> {
  /** The template's member carrying the subscription length in seconds; never sent. */
  static final String LENGTH = "subscriptionLength";

  private final long chainId;
  private final String currency;
  private final String recipient;
  private final int decimals;
  private final SubscriptionContext ctx;
  private final SubscriptionActivation activation;

  TempoSubscriptionIntent(
      long chainId,
      String currency,
      String recipient,
      int decimals,
      SubscriptionContext ctx,
      SubscriptionActivation activation) {
    this.chainId = chainId;
    this.currency = currency;
    this.recipient = recipient;
    this.decimals = decimals;
    this.ctx = ctx;
    this.activation = activation;
  }

  @Override
  public Intent<SubscriptionRequest> intent() {
    return Intent.SUBSCRIPTION;
  }

  @Override
  public SubscriptionRequest request(Offer offer) {
    BigInteger amount = offer.price().toBaseUnits(decimals);
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("a subscription charges a positive amount per period");
    }
    String unit = offer.term(Offer.PERIOD_UNIT);
    String count = offer.term(Offer.PERIOD_COUNT);
    if (unit == null || count == null) {
      throw new IllegalArgumentException("a subscription offer needs a period (period(unit, n))");
    }
    long periodCount = Long.parseLong(count);
    long period = SubscriptionTerms.periodSeconds(unit, periodCount);
    if (ctx.settings.gracePeriod().toSeconds() >= period) {
      throw new IllegalArgumentException("the grace period must be shorter than the period");
    }
    String lengthTerm = offer.term(Offer.SUBSCRIPTION_LENGTH);
    Duration length =
        lengthTerm == null ? ctx.settings.defaultLength() : Duration.parse(lengthTerm);
    if (length.isNegative() || length.isZero() || length.getNano() != 0) {
      throw new IllegalArgumentException("subscriptionLength must be whole positive seconds");
    }
    ObjectNode details = Json.object();
    details.put("chainId", chainId);
    details.put(LENGTH, length.getSeconds());
    return new SubscriptionRequest(
        amount,
        offer.currency() != null ? Hex.checkedAddress(offer.currency()) : currency,
        unit,
        periodCount,
        offer.recipient() != null ? Hex.checkedAddress(offer.recipient()) : recipient,
        null,
        offer.description(),
        offer.externalId(),
        details);
  }

  @Override
  public SubscriptionRequest challengeRequest(
      SubscriptionRequest offered, String nonce, Instant expires) {
    long length = offered.detail(LENGTH).orElseThrow().asLong();
    ObjectNode details = Json.object();
    details.put("chainId", chainId);
    ObjectNode key = details.putObject("accessKey");
    key.put("accessKeyAddress", ctx.keys.address(nonce));
    key.put("keyType", SubscriptionTerms.SECP256K1);
    return new SubscriptionRequest(
        offered.amount(),
        offered.currency(),
        offered.periodUnit(),
        offered.periodCount(),
        offered.recipient(),
        Timestamps.format(Instant.ofEpochSecond(expires.getEpochSecond() + length)),
        offered.description(),
        offered.externalId(),
        details);
  }

  @Override
  public Verified verify(Credential credential, VerificationContext<SubscriptionRequest> context) {
    return activation.verify(credential, context);
  }

  /**
   * A request the application authenticated as a subscriber's ({@link
   * TempoSubscriptionSettings.Builder#subscriber}): served within the paid period, renewed first
   * when a new one is due; anything else gets a challenge.
   */
  @Override
  public Optional<Verified> admitWithoutCredential(
      PaymentExchange exchange, SubscriptionRequest offered) {
    Function<PaymentExchange, Optional<String>> subscriber = ctx.settings.subscriber();
    if (subscriber == null) {
      return Optional.empty();
    }
    Optional<String> payer = subscriber.apply(exchange).filter(Hex::isAddress).map(Hex::address);
    if (payer.isEmpty()) {
      return Optional.empty();
    }
    return activation.admit(SubscriptionTerms.planKey(offered), payer.get());
  }
}
