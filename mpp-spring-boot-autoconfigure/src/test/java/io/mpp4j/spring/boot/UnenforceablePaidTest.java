package io.mpp4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Payment;
import io.mpp4j.servlet.Paid;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** A {@code @Paid} the starter cannot enforce fails the context, naming the annotated element. */
class UnenforceablePaidTest {

  @Test
  void paidOnAServiceMethodWhenContextStartsThenFailsNamingIt() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, PaidService.class)
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining(PaidService.class.getName() + ".quote()")
                    .hasMessageContaining("cannot be enforced")
                    .hasMessageContaining("not a request handler method"));
  }

  @Test
  void paidOnAClassWithoutMappingsWhenContextStartsThenFailsNamingIt() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, PaidComponent.class)
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("@Paid on " + PaidComponent.class.getName())
                    .hasMessageContaining("neither a Spring MVC controller"));
  }

  @Test
  void paidControllerMethodWhenItsPriceCannotBeChargedThenFailsNamingIt() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, UnknownMethodController.class)
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining(UnknownMethodController.class.getName() + ".get()")
                    .hasMessageContaining("bitcoin"));
  }

  @Test
  void pricingBeanWhenMissingThenFailsNamingIt() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, MissingPricingController.class)
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining(MissingPricingController.class.getName() + ".get()")
                    .hasMessageContaining("'nowhere'"));
  }

  @Test
  void paymentArgumentWhenHandlerIsFreeThenFailsNamingIt() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, FreeWithPaymentController.class)
        .run(
            context ->
                assertThat(StarterContexts.rootCause(context.getStartupFailure()))
                    .hasMessageContaining(FreeWithPaymentController.class.getName() + ".get()")
                    .hasMessageContaining("Payment argument"));
  }

  @Test
  void paidControllerWhenEnforceableThenContextStarts() {
    StarterContexts.runner()
        .withUserConfiguration(Mvc.class, GoodController.class)
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Mvc {}

  @Service
  static class PaidService {
    @Paid(price = "0.01")
    public String quote() {
      return "quote";
    }
  }

  @Paid(price = "0.01")
  static class PaidComponent {
    @Bean
    String notAHandler() {
      return "x";
    }
  }

  @RestController
  static class UnknownMethodController {
    @Paid(price = "0.01", methods = "bitcoin")
    @GetMapping("/x")
    String get() {
      return "x";
    }
  }

  @RestController
  static class MissingPricingController {
    @Paid(pricing = "nowhere")
    @GetMapping("/x")
    String get() {
      return "x";
    }
  }

  @RestController
  static class FreeWithPaymentController {
    @GetMapping("/x")
    Map<String, String> get(Payment payment) {
      return Map.of("method", payment.method());
    }
  }

  @RestController
  static class GoodController {
    @Paid(price = "0.01")
    @GetMapping("/x")
    String get() {
      return "x";
    }
  }
}
