package io.mpp4j.examples.spring;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import io.mpp4j.servlet.PricingFunction;
import java.math.BigDecimal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot example: the Jetty example's paid routes as {@code @Paid} controller methods
 * (draft-httpauth-payment-00), made paid by the mpp4j starter and {@code mpp.*} properties. Run it
 * with {@code java -jar examples-spring/target/mpp-examples-spring.jar}.
 */
@SpringBootApplication
public class SpringExampleApplication {
  private static final BigDecimal PER_WORD = new BigDecimal("0.01");
  private static final int MAX_WORDS = 10;

  /**
   * {@code GET /api/search}: 0.01 per query word up to 0.10, through every method; free without q.
   */
  @Bean
  PricingFunction searchPricing(Mpp mpp) {
    Offer[] templates =
        mpp.methodIds().stream()
            .map(id -> Offer.charge(id).price("0").description("0.01 per query word, up to 0.10"))
            .map(Offer.Builder::build)
            .toArray(Offer[]::new);
    return PricingFunction.perRequest(
        (request, body) -> price(request.getParameter("q")), templates);
  }

  static Price price(String query) {
    int words = ExampleController.words(query);
    return words == 0
        ? null
        : Price.of(
            PER_WORD.multiply(BigDecimal.valueOf(Math.min(words, MAX_WORDS))).toPlainString());
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringExampleApplication.class, args);
  }
}
