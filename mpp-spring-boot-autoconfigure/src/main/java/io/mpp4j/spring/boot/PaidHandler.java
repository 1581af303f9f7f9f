package io.mpp4j.spring.boot;

import io.mpp4j.core.Offer;
import io.mpp4j.servlet.PricingFunction;
import java.util.List;

/**
 * A controller method that is paid: what it charges per request, and what discovery advertises.
 *
 * @param where the method, named as in start-up errors ({@code com.example.Shop.fortune()})
 * @param pricing the offers of one request; marks the request free when it returns none
 * @param advertised the offers to list in discovery
 * @param pricedPerRequest whether a pricing bean computes the amounts
 */
record PaidHandler(
    String where, PricingFunction pricing, List<Offer> advertised, boolean pricedPerRequest) {
  /** Request attribute: the paid handler the payment filter resolved for this request. */
  static final String RESOLVED = PaidHandler.class.getName() + ".resolved";

  /** Request attribute: the paid handler whose pricing made this request free. */
  static final String FREE = PaidHandler.class.getName() + ".free";

  /** The pricing function the filter calls: the handler's, marking requests it makes free. */
  PricingFunction markingFree() {
    return (request, body) -> {
      List<Offer> offers = pricing.offers(request, body);
      if (offers == null || offers.isEmpty()) {
        request.setAttribute(FREE, this);
        return List.of();
      }
      return offers;
    };
  }
}
