package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import java.util.ArrayList;
import java.util.List;

/**
 * The offers a {@link Paid} annotation stands for, one per method (draft-httpauth-payment-00 §5.1:
 * one challenge each), for transports that read the annotation themselves.
 *
 * @since 0.2.0
 */
public final class PaidOffers {
  private PaidOffers() {}

  /**
   * The offers of {@code paid}: its price through each of its methods, or through {@code
   * defaultMethods} when it names none.
   *
   * @param where the annotated element, for error messages
   * @throws IllegalArgumentException when the annotation has both or neither of {@code price} and
   *     {@code baseUnits}, names {@code pricing}, or names no method while {@code defaultMethods}
   *     is empty
   */
  public static List<Offer> of(Paid paid, List<String> defaultMethods, String where) {
    if (!paid.pricing().isEmpty()) {
      throw new IllegalArgumentException(
          "@Paid on "
              + where
              + " names pricing bean '"
              + paid.pricing()
              + "': only the Spring Boot starter resolves pricing beans; use a RouteTable route"
              + " with a PricingFunction for servlets");
    }
    boolean hasPrice = !paid.price().isEmpty();
    if (hasPrice == (paid.baseUnits() >= 0)) {
      throw new IllegalArgumentException(
          "@Paid on " + where + " needs exactly one of price and baseUnits");
    }
    List<String> methods = paid.methods().length > 0 ? List.of(paid.methods()) : defaultMethods;
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(
          "@Paid on " + where + " names no methods and the filter has no default methods");
    }
    List<Offer> offers = new ArrayList<>(methods.size());
    for (String method : methods) {
      Offer.Builder offer = Offer.of(method, paid.intent());
      if (hasPrice) {
        offer.price(paid.price());
      } else {
        offer.baseUnits(paid.baseUnits());
      }
      offer.currency(paid.currency().isEmpty() ? null : paid.currency());
      offer.description(paid.description().isEmpty() ? null : paid.description());
      offer.credentialHeader(paid.credentialHeader().isEmpty() ? null : paid.credentialHeader());
      if (!paid.unitType().isEmpty()) {
        offer.unitType(paid.unitType());
      }
      if (!paid.suggestedDeposit().isEmpty()) {
        offer.suggestedDeposit(paid.suggestedDeposit());
      }
      offers.add(offer.build());
    }
    return List.copyOf(offers);
  }
}
