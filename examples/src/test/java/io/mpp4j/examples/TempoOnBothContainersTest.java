package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Secret;
import io.mpp4j.servlet.PaymentFilter;
import io.mpp4j.servlet.testing.JettyContainer;
import io.mpp4j.servlet.testing.TestContainer;
import io.mpp4j.servlet.testing.TomcatContainer;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import io.mpp4j.tempo.TempoMethod;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servlet filter with the real Tempo method on both supported containers: an annotated servlet
 * ({@code @Paid} on {@link FortuneServlet}) is paid by the reference client mppx on a local anvil
 * chain, and the replayed credential is refused.
 */
class TempoOnBothContainersTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("Jetty 12", (TestContainer.Factory) JettyContainer::start),
        Arguments.of("Tomcat 10.1", (TestContainer.Factory) TomcatContainer::start));
  }

  private static ServletContainerInitializer application() {
    return (classes, context) -> {
      Mpp mpp =
          Mpp.builder()
              .realm("localhost")
              .secret(Secret.of("tempo on both containers, 32+ bytes"))
              .method(
                  TempoMethod.builder()
                      .chainId(LocalTempoChain.CHAIN_ID)
                      .rpcUrl(CHAIN.rpcUrl())
                      .currency(LocalTempoChain.PATH_USD)
                      .recipient(CHAIN.merchant().address())
                      .build())
              .build();
      context
          .addFilter("payment", PaymentFilter.builder(mpp).allowInsecureHttp(true).build())
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
      context.addServlet("fortune", FortuneServlet.class).addMapping("/api/fortune");
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void fortuneWhenMppxPaysOnChainThenServedAndReplayRefused(
      String name, TestContainer.Factory factory) throws Exception {
    try (TestContainer container = factory.start(application())) {
      LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
      var before = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());

      JsonNode paid = MppxClient.pay(container.uri("/api/fortune"), CHAIN, payer, "pull");
      HttpResponse<String> replay =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(container.uri("/api/fortune"))
                      .header("Authorization", paid.path("credential").asText())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
      assertThat(paid.path("receipt").path("method").asText()).isEqualTo("tempo");
      assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address()))
          .isEqualTo(before.add(java.math.BigInteger.valueOf(10_000)));
      assertThat(replay.statusCode()).isEqualTo(402);
      assertThat(replay.headers().firstValue("WWW-Authenticate")).isPresent();
    }
  }
}
