package io.mpp4j.spring.boot;

import io.mpp4j.core.Offer;
import io.mpp4j.core.Payment;
import io.mpp4j.core.Price;
import io.mpp4j.core.testing.FakeX402Method;
import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.PricingFunction;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the Spring tests run: controllers with {@code @Paid} on methods and on a class,
 * path variables, several HTTP methods on one path, a pricing bean, and a second payment method
 * without a network ({@code fake}) beside Tempo.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  ShopApplication.Shop.class,
  ShopApplication.Reports.class,
  ShopApplication.Forwarder.class
})
class ShopApplication {

  @Bean
  FakeX402Method fakePaymentMethod() {
    return new FakeX402Method();
  }

  @Bean
  PricingFunction searchPricing() {
    return PricingFunction.perRequest(
        (request, body) -> {
          String q = request.getParameter("q");
          return q == null || q.isBlank() ? null : Price.of(q.length() > 10 ? "0.05" : "0.01");
        },
        Offer.charge("fake").price("0").description("0.01, or 0.05 for long queries").build());
  }

  @RestController
  static class Shop {
    @GetMapping("/free")
    Map<String, String> free() {
      return Map.of("message", "on the house");
    }

    @Paid(price = "0.01", description = "A fortune")
    @GetMapping("/api/fortune")
    Map<String, String> fortune(Payment payment) {
      return Map.of(
          "fortune", "A paid request is a happy request.", "reference", payment.reference());
    }

    @Paid(price = "0.02", methods = "fake", description = "One item")
    @GetMapping("/api/items/{id}")
    Map<String, String> item(@PathVariable String id, Payment payment) {
      return Map.of("item", id, "paid", payment.amount().toString());
    }

    @Paid(price = "0.05", methods = "fake", description = "Updates an item")
    @PostMapping("/api/items/{id}")
    Map<String, String> update(@PathVariable String id, @RequestBody String body, Payment payment) {
      return Map.of("item", id, "body", body, "paid", payment.amount().toString());
    }

    @DeleteMapping("/api/items/{id}")
    Map<String, String> delete(@PathVariable String id) {
      return Map.of("deleted", id);
    }

    @Paid(pricing = "searchPricing")
    @GetMapping("/api/search")
    Map<String, String> search(@RequestParam(required = false) String q) {
      return Map.of("query", q == null ? "" : q);
    }
  }

  /** A free handler that forwards to a paid one: the dispatcher's guard must refuse it. */
  @Controller
  static class Forwarder {
    @GetMapping("/sneaky")
    String sneaky() {
      return "forward:/api/fortune";
    }
  }

  @Paid(price = "0.03", methods = "fake", description = "A yearly report")
  @RestController
  @RequestMapping("/api/reports")
  static class Reports {
    @GetMapping("/{year:\\d{4}}")
    Map<String, String> report(@PathVariable String year, Payment payment) {
      return Map.of("year", year, "method", payment.method());
    }
  }
}
