package io.mpp4j.examples;

import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import io.mpp4j.servlet.Payments;
import io.mpp4j.servlet.PricingFunction;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/search?q=...}: priced per request by {@link #pricing}, 0.01 per query word up to
 * 0.10. The challenge binds the query, so a credential for one search never pays for another.
 */
public final class SearchServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final BigDecimal PER_WORD = new BigDecimal("0.01");
  private static final int MAX_WORDS = 10;

  /** The pricing function for this route: one offer per method, priced from {@code q}. */
  static PricingFunction pricing(List<String> methodIds) {
    Offer[] templates =
        methodIds.stream()
            .map(id -> Offer.charge(id).price("0").description("0.01 per query word, up to 0.10"))
            .map(Offer.Builder::build)
            .toArray(Offer[]::new);
    return PricingFunction.perRequest(
        (request, body) -> price(request.getParameter("q")), templates);
  }

  /** The price of a query, or null (free) when there is none: the handler then answers 400. */
  static Price price(String query) {
    int words = words(query);
    if (words == 0) {
      return null;
    }
    return Price.of(
        PER_WORD.multiply(BigDecimal.valueOf(Math.min(words, MAX_WORDS))).toPlainString());
  }

  private static int words(String query) {
    return query == null || query.isBlank() ? 0 : query.trim().split("\\s+").length;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String query = request.getParameter("q");
    if (words(query) == 0) {
      JsonBodies.write(
          response, 400, JsonBodies.object().put("error", "query parameter q is required"));
      return;
    }
    var result = JsonBodies.paid(Payments.require(request)).put("query", query.trim());
    var hits = result.putArray("results");
    for (String word : query.trim().split("\\s+")) {
      hits.addObject().put("word", word).put("length", word.length());
    }
    JsonBodies.write(response, 200, result);
  }
}
