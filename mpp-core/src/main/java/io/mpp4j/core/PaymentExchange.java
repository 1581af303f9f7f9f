package io.mpp4j.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The engine's view of one HTTP exchange: method, path, query, header lookup and the buffered
 * request body (empty when there is none). Framework adapters build one per request.
 *
 * @param method HTTP method, e.g. {@code GET}
 * @param path request path without the query
 * @param query raw query string, or null
 * @param headers all values of a header by case-insensitive name (never null)
 * @param body the buffered request body
 */
public record PaymentExchange(
    String method, String path, String query, Function<String, List<String>> headers, byte[] body) {

  public PaymentExchange {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** All values of header {@code name}. */
  public List<String> header(String name) {
    List<String> values = headers.apply(name);
    return values == null ? List.of() : values;
  }

  /** The resource a challenge is bound to: method, path and query. */
  public String resource() {
    return query == null || query.isEmpty()
        ? method + " " + path
        : method + " " + path + "?" + query;
  }
}
