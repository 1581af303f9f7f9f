package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the paid operation a request reaches through a framework's own routing (Spring MVC's
 * handler mappings, for instance), so that {@link Paid} works on handlers that are not servlets
 * (draft-httpauth-payment-00 §5: a paid resource answers {@code 402} until paid). The {@link
 * PaymentFilter} consults it after its {@link RouteTable} and before {@link Paid} servlets.
 *
 * <pre>{@code
 * PaymentFilter.builder(mpp).routeResolver(request -> isReport(request)
 *     ? Optional.of((req, body) -> List.of(Offer.charge("tempo").price("0.10").build()))
 *     : Optional.empty());
 * }</pre>
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface RouteResolver {

  /**
   * What {@code request} costs when it reaches a paid operation: a pricing function the filter
   * calls with the buffered body (an empty list makes the request free); empty when the request
   * reaches no paid operation of this resolver. Runs before the body is read, so it must not read
   * the body or request parameters a form body could carry; it must be cheap, as it runs on every
   * request the filter sees.
   */
  Optional<PricingFunction> resolve(HttpServletRequest request);

  /**
   * The paid operations to list in the discovery document and to check against the engine when the
   * filter initialises; none by default.
   */
  default List<Operation> operations() {
    return List.of();
  }

  /**
   * One paid operation for discovery.
   *
   * @param httpMethod {@code GET}, {@code POST}, ...
   * @param path the path inside the context, variables in OpenAPI form ({@code /api/items/{id}})
   * @param offers what it charges; for an operation priced per request, the offers to advertise
   *     (their amounts are published as {@code null})
   * @param pricedPerRequest whether the amounts are computed per request
   */
  record Operation(String httpMethod, String path, List<Offer> offers, boolean pricedPerRequest) {
    public Operation {
      Objects.requireNonNull(httpMethod, "httpMethod");
      if (!Objects.requireNonNull(path, "path").startsWith("/")) {
        throw new IllegalArgumentException("an operation path starts with '/': " + path);
      }
      offers = List.copyOf(offers);
    }
  }
}
