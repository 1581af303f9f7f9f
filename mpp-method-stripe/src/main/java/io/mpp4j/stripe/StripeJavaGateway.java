package io.mpp4j.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeSearchResult;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeResponse;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentCreateParams.AutomaticPaymentMethods;
import com.stripe.param.PaymentIntentSearchParams;
import io.mpp4j.core.Secret;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates PaymentIntents through one {@link StripeClient} for the lifetime of the method
 * (draft-stripe-charge-00 §Settlement Procedure): {@code confirm=true}, automatic payment methods
 * without redirects, the token as {@code shared_payment_granted_token}, the idempotency key, and a
 * pinned {@code Stripe-Version}. Network retries are off: a retried request would come back as an
 * idempotent replay, which the method refuses.
 */
final class StripeJavaGateway implements IntentGateway {
  static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** stripe-java clients built so far in this JVM (one per method instance, never per request). */
  static final AtomicInteger CLIENTS_BUILT = new AtomicInteger();

  private final StripeClient client;
  private final String stripeVersion;

  StripeJavaGateway(
      Secret secretKey,
      String apiBase,
      Duration connectTimeout,
      Duration readTimeout,
      String stripeVersion) {
    this.client =
        StripeClient.builder()
            .setApiKey(new String(secretKey.bytes(), StandardCharsets.UTF_8))
            .setApiBase(apiBase)
            .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
            .setReadTimeout(Math.toIntExact(readTimeout.toMillis()))
            .setMaxNetworkRetries(0)
            .build();
    CLIENTS_BUILT.incrementAndGet();
    this.stripeVersion = stripeVersion;
  }

  @Override
  public IntentResult create(IntentRequest request) throws GatewayException {
    PaymentIntent intent;
    try {
      intent = client.v1().paymentIntents().create(params(request), options(request));
    } catch (CardException e) {
      throw new GatewayException(
          GatewayException.Kind.DECLINED, "card error " + e.getCode() + describe(e), e);
    } catch (ApiConnectionException e) {
      throw new GatewayException(
          neverSent(e.getCause())
              ? GatewayException.Kind.NOT_SENT
              : GatewayException.Kind.UNCERTAIN,
          "connection failure " + (e.getCause() == null ? "" : e.getCause().getClass().getName()),
          e);
    } catch (StripeException e) {
      throw new GatewayException(
          succeededUnreadably(e) ? GatewayException.Kind.UNCERTAIN : GatewayException.Kind.REFUSED,
          "API error " + e.getStatusCode() + " " + e.getCode() + describe(e),
          e);
    } catch (RuntimeException e) {
      throw new GatewayException(
          GatewayException.Kind.UNCERTAIN, "unexpected failure " + e.getClass().getName(), e);
    }
    if (intent.getId() == null || intent.getStatus() == null) {
      throw new GatewayException(
          GatewayException.Kind.UNCERTAIN, "PaymentIntent without id or status", null);
    }
    return new IntentResult(
        intent.getId(),
        intent.getStatus(),
        intent.getAmount(),
        intent.getCurrency(),
        replayed(intent.getLastResponse()));
  }

  @Override
  public Optional<IntentResult> find(String challengeId, ConnectSettings connect)
      throws GatewayException {
    if (!challengeId.matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    PaymentIntentSearchParams query =
        PaymentIntentSearchParams.builder()
            .setQuery("metadata['mpp_challenge_id']:'" + challengeId + "'")
            .setLimit(1L)
            .build();
    RequestOptions.RequestOptionsBuilder options = RequestOptions.builder();
    if (connect.stripeAccount() != null) {
      options.setStripeAccount(connect.stripeAccount());
    }
    if (stripeVersion != null) {
      RequestOptions.RequestOptionsBuilder.unsafeSetStripeVersionOverride(options, stripeVersion);
    }
    StripeSearchResult<PaymentIntent> found;
    try {
      found = client.v1().paymentIntents().search(query, options.build());
    } catch (StripeException | RuntimeException e) {
      throw new GatewayException(
          GatewayException.Kind.UNCERTAIN, "search failed " + e.getClass().getName(), e);
    }
    if (found.getData() == null || found.getData().isEmpty()) {
      return Optional.empty();
    }
    PaymentIntent intent = found.getData().get(0);
    if (intent.getId() == null || intent.getStatus() == null) {
      throw new GatewayException(
          GatewayException.Kind.UNCERTAIN, "PaymentIntent without id or status", null);
    }
    return Optional.of(
        new IntentResult(
            intent.getId(), intent.getStatus(), intent.getAmount(), intent.getCurrency(), false));
  }

  private static PaymentIntentCreateParams params(IntentRequest request) {
    PaymentIntentCreateParams.Builder params =
        PaymentIntentCreateParams.builder()
            .setAmount(request.amount())
            .setCurrency(request.currency())
            .setConfirm(true)
            .setAutomaticPaymentMethods(
                AutomaticPaymentMethods.builder()
                    .setEnabled(true)
                    .setAllowRedirects(AutomaticPaymentMethods.AllowRedirects.NEVER)
                    .build())
            .putExtraParam("shared_payment_granted_token", request.spt())
            .putAllMetadata(request.metadata());
    ConnectSettings connect = request.connect();
    if (connect.onBehalfOf() != null) {
      params.setOnBehalfOf(connect.onBehalfOf());
    }
    if (connect.transferDestination() != null) {
      PaymentIntentCreateParams.TransferData.Builder transfer =
          PaymentIntentCreateParams.TransferData.builder()
              .setDestination(connect.transferDestination());
      if (connect.transferAmount() != null) {
        transfer.setAmount(connect.transferAmount());
      }
      params.setTransferData(transfer.build());
    }
    if (connect.applicationFeeAmount() != null) {
      params.setApplicationFeeAmount(connect.applicationFeeAmount());
    }
    if (connect.transferGroup() != null) {
      params.setTransferGroup(connect.transferGroup());
    }
    return params.build();
  }

  private RequestOptions options(IntentRequest request) {
    RequestOptions.RequestOptionsBuilder options =
        RequestOptions.builder().setIdempotencyKey(request.idempotencyKey());
    if (request.connect().stripeAccount() != null) {
      options.setStripeAccount(request.connect().stripeAccount());
    }
    if (stripeVersion != null) {
      RequestOptions.RequestOptionsBuilder.unsafeSetStripeVersionOverride(options, stripeVersion);
    }
    return options.build();
  }

  private static boolean replayed(StripeResponse response) {
    return response != null
        && response
            .headers()
            .firstValue(REPLAYED_HEADER)
            .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("true"))
            .orElse(false);
  }

  /** Whether the I/O failure happened before any byte of the request could reach Stripe. */
  private static boolean neverSent(Throwable cause) {
    return cause instanceof ConnectException
        || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException;
  }

  /** A 2xx answer stripe-java could not read: Stripe may well have charged. */
  private static boolean succeededUnreadably(StripeException e) {
    Integer status = e.getStatusCode();
    return status != null && status >= 200 && status < 300;
  }

  private static String describe(StripeException e) {
    return e.getRequestId() == null ? "" : " (request " + e.getRequestId() + ")";
  }
}
