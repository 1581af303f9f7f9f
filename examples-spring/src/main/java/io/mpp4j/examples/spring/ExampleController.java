package io.mpp4j.examples.spring;

import io.mpp4j.core.Payment;
import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The example's routes; prices in the currency's main unit, through every configured method. */
@RestController
class ExampleController {
  private static final List<String> FORTUNES =
      List.of(
          "A paid request is a happy request.",
          "Your next 402 will be answered promptly.",
          "Fortune favours the well-formed credential.",
          "A receipt is worth a thousand promises.");

  private final AtomicLong orders = new AtomicLong(1000);

  @GetMapping("/free")
  Map<String, Object> free() {
    return Map.of("message", "This one is on the house.");
  }

  @Paid(price = "0.01", description = "A fortune")
  @GetMapping("/api/fortune")
  Map<String, Object> fortune(Payment payment) {
    Map<String, Object> body = paid(payment);
    body.put("fortune", FORTUNES.get(ThreadLocalRandom.current().nextInt(FORTUNES.size())));
    return body;
  }

  @Paid(price = "0.50", description = "Premium content")
  @GetMapping("/api/premium")
  Map<String, Object> premium(Payment payment) {
    Map<String, Object> body = paid(payment);
    body.put("content", "The premium answer is 42.");
    return body;
  }

  /** The challenge binds the body's digest: the credential pays for exactly this body. */
  @Paid(price = "0.02", description = "Echoes the request body")
  @PostMapping("/api/echo")
  ResponseEntity<byte[]> echo(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "Content-Type", required = false) String type) {
    return ResponseEntity.ok()
        .contentType(
            type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type))
        .body(body == null ? new byte[0] : body);
  }

  /** Priced per request by the {@code searchPricing} bean; free (and 400) without a query. */
  @Paid(pricing = "searchPricing")
  @GetMapping("/api/search")
  ResponseEntity<Map<String, Object>> search(
      @RequestParam(required = false) String q, HttpServletRequest request) {
    if (words(q) == 0) {
      return ResponseEntity.badRequest().body(Map.of("error", "query parameter q is required"));
    }
    Map<String, Object> body = paid(Payments.require(request));
    body.put("query", q.trim());
    List<Map<String, Object>> results = new ArrayList<>();
    for (String word : q.trim().split("\\s+")) {
      results.add(Map.of("word", word, "length", word.length()));
    }
    body.put("results", results);
    return ResponseEntity.ok(body);
  }

  /** Send {@code Idempotency-Key}: a retry gets the same order back instead of a second one. */
  @Paid(price = "0.05", description = "Places an order")
  @PostMapping("/api/orders")
  ResponseEntity<Map<String, Object>> order() {
    long order = orders.incrementAndGet();
    return ResponseEntity.created(URI.create("/api/orders/" + order))
        .body(Map.of("order", order, "status", "created"));
  }

  static int words(String query) {
    return query == null || query.isBlank() ? 0 : query.trim().split("\\s+").length;
  }

  private static Map<String, Object> paid(Payment payment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("method", payment.method());
    body.put("amount", payment.amount().toString());
    body.put("currency", payment.currency());
    body.put("reference", payment.reference());
    return body;
  }
}
