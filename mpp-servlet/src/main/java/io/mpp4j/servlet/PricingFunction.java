package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Computes what one request costs from the request itself (its query, headers or buffered body),
 * for routes whose price is not fixed (draft-httpauth-payment-00 §5.1: the server chooses the
 * {@code request} of each challenge). The challenge binds the method, path and query, and any body
 * by digest, so a credential for one computed price never pays for another request.
 *
 * <p>Must be deterministic: the filter calls it again when the credential comes back, and the
 * engine accepts the credential only if the offers are unchanged. An empty list means the request
 * is free and passes to the handler untouched.
 */
@FunctionalInterface
public interface PricingFunction {

  /**
   * The offers for this request, one challenge each.
   *
   * @param request the request (its body can be read again by the handler)
   * @param body the buffered request body, empty when there is none
   */
  List<Offer> offers(HttpServletRequest request, byte[] body);

  /**
   * Offers to advertise in the discovery document (their amounts are published as {@code null},
   * "priced per request"); empty by default, then the filter's default methods are listed.
   */
  default List<Offer> advertised() {
    return List.of();
  }

  /**
   * A pricing function that makes every {@code template} offer with the price {@code price}
   * computes for the request; {@code null} from {@code price} makes the request free.
   *
   * <pre>{@code
   * PricingFunction.perRequest(
   *     (request, body) -> Price.of(body.length > 4096 ? "0.05" : "0.01"),
   *     Offer.charge("tempo").price("0").build());
   * }</pre>
   */
  static PricingFunction perRequest(
      BiFunction<HttpServletRequest, byte[], Price> price, Offer... templates) {
    Objects.requireNonNull(price, "price");
    List<Offer> offers = List.of(templates);
    if (offers.isEmpty()) {
      throw new IllegalArgumentException("at least one template offer is required");
    }
    return new PricingFunction() {
      @Override
      public List<Offer> offers(HttpServletRequest request, byte[] body) {
        Price computed = price.apply(request, body);
        return computed == null
            ? List.of()
            : offers.stream().map(offer -> offer.withPrice(computed)).toList();
      }

      @Override
      public List<Offer> advertised() {
        return offers;
      }
    };
  }
}
