package io.mpp4j.core.codec;

import io.mpp4j.core.PaymentExchange;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the engine's {@link PaymentExchange} from an HTTP request (draft-httpauth-payment-00
 * §5.2): every {@code Payment} credential in {@code Authorization} and in {@code
 * Payment-Authorization} (where a challenge asked for it), the {@code Accept-Payment} preferences,
 * and the {@code Idempotency-Key} of unsafe methods. Used by the servlet filter and any other HTTP
 * transport.
 *
 * @since 0.2.0
 */
public final class HttpExchanges {
  /** The alternative credential header a challenge may name. */
  public static final String PAYMENT_AUTHORIZATION = "Payment-Authorization";

  private static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", PAYMENT_AUTHORIZATION);
  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  private HttpExchanges() {}

  /**
   * The exchange for one HTTP request.
   *
   * @param headers all values of a header by case-insensitive name (null or empty when absent)
   * @param body the buffered body, empty when there is none
   */
  public static PaymentExchange.Builder of(
      String method,
      String path,
      String query,
      Function<String, List<String>> headers,
      byte[] body) {
    PaymentExchange.Builder exchange =
        PaymentExchange.builder().http(method, path, query).body(body).headers(headers);
    for (String name : CREDENTIAL_HEADERS) {
      List<String> values = headers.apply(name);
      if (values != null) {
        for (String value : values) {
          if (PaymentHeaders.isPaymentAuthorization(value)) {
            exchange.credential(name, value);
          }
        }
      }
    }
    List<String> accept = headers.apply("Accept-Payment");
    if (accept != null) {
      exchange.acceptPayment(accept);
    }
    if (UNSAFE.contains(method)) {
      List<String> keys = headers.apply("Idempotency-Key");
      if (keys != null && !keys.isEmpty()) {
        exchange.idempotencyKey(keys.get(0));
      }
    }
    return exchange;
  }
}
