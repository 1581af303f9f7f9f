package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Paid routes declared in code: an HTTP method and a path pattern mapped to fixed offers or to a
 * {@link PricingFunction} (draft-httpauth-payment-00 §5.1; each offer becomes one challenge).
 * Patterns are relative to the context path and matched against the request's decoded servlet path
 * plus path info: exact ({@code /api/fortune}), segment variables ({@code /api/items/{id}}) or
 * prefixes ({@code /files/*}). The most specific pattern wins; a {@code GET} route also charges
 * {@code HEAD} unless a {@code HEAD} route is declared. Routes here take precedence over {@link
 * Paid} annotations.
 *
 * <pre>{@code
 * RouteTable routes = RouteTable.builder()
 *     .route("GET", "/api/fortune", Offer.charge("tempo").price("0.01").build())
 *     .route("GET", "/api/search", PricingFunction.perRequest(pricer, template))
 *     .build();
 * }</pre>
 */
public final class RouteTable {
  private static final RouteTable EMPTY = new RouteTable(List.of());

  private final List<Route> routes;

  private RouteTable(List<Route> routes) {
    this.routes = routes;
  }

  /** A table without routes (every paid route comes from annotations). */
  public static RouteTable empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The most specific route for this method and path, if any. */
  Optional<Route> match(String httpMethod, String path) {
    Optional<Route> exact = find(httpMethod, path);
    return exact.isEmpty() && httpMethod.equals("HEAD") ? find("GET", path) : exact;
  }

  private Optional<Route> find(String httpMethod, String path) {
    for (Route route : routes) {
      if (route.httpMethod().equals(httpMethod) && route.pattern().matches(path)) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }

  List<Route> routes() {
    return routes;
  }

  /** One declared route: fixed offers, or a pricing function. */
  record Route(String httpMethod, PathPattern pattern, List<Offer> fixed, PricingFunction pricing)
      implements PaidRoute {
    @Override
    public List<Offer> offers(HttpServletRequest request, byte[] body) {
      return pricing == null ? fixed : List.copyOf(pricing.offers(request, body));
    }
  }

  /** Builds a {@link RouteTable}. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private final Set<List<Object>> keys = new HashSet<>();

    private Builder() {}

    /**
     * A route with fixed offers, one challenge each (e.g. the same price through Tempo and Stripe).
     *
     * @throws IllegalArgumentException for an invalid method or pattern, no offers, or a route
     *     declared twice
     */
    public Builder route(String httpMethod, String pathPattern, Offer... offers) {
      List<Offer> list = List.of(offers);
      if (list.isEmpty()) {
        throw new IllegalArgumentException("a paid route needs at least one offer");
      }
      return add(httpMethod, pathPattern, list, null);
    }

    /** A route whose offers are computed per request. */
    public Builder route(String httpMethod, String pathPattern, PricingFunction pricing) {
      return add(httpMethod, pathPattern, List.of(), Objects.requireNonNull(pricing, "pricing"));
    }

    private Builder add(
        String httpMethod, String pathPattern, List<Offer> offers, PricingFunction pricing) {
      String method = Objects.requireNonNull(httpMethod, "httpMethod").toUpperCase(Locale.ROOT);
      if (!method.matches("[A-Z]+")) {
        throw new IllegalArgumentException("not an HTTP method: " + httpMethod);
      }
      PathPattern pattern = PathPattern.parse(pathPattern);
      if (!keys.add(List.of(method, pattern))) {
        throw new IllegalArgumentException("route declared twice: " + method + " " + pathPattern);
      }
      routes.add(new Route(method, pattern, offers, pricing));
      return this;
    }

    public RouteTable build() {
      List<Route> sorted = new ArrayList<>(routes);
      sorted.sort(Comparator.comparingInt((Route r) -> r.pattern().specificity()).reversed());
      return new RouteTable(List.copyOf(sorted));
    }
  }
}
