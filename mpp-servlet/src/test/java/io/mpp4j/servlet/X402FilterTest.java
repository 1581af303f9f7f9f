package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.FakeX402Method;
import io.mpp4j.servlet.testing.JettyContainer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** x402 v2 beside the Payment scheme through the filter's switch, on embedded Jetty. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X402FilterTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final FakeX402Method fake = new FakeX402Method();
  private final Mpp mpp =
      Mpp.builder()
          .realm("api.test")
          .secret(Secret.of("an x402 filter test secret of 32+ bytes"))
          .method(fake)
          .method(new FakePaymentMethod("alt"))
          .build();
  private JettyContainer container;

  @BeforeAll
  void start() throws Exception {
    container = JettyContainer.start(new App());
  }

  @AfterAll
  void stop() throws Exception {
    container.close();
  }

  private final class App implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
      context.addServlet("fortune", new Fortune()).addMapping("/x402/fortune", "/plain/fortune");
      RouteTable x402Routes =
          RouteTable.builder()
              .route(
                  "GET",
                  "/x402/fortune",
                  Offer.charge("fake").price("0.01").build(),
                  Offer.charge("alt").price("0.01").build())
              .build();
      RouteTable plainRoutes =
          RouteTable.builder()
              .route("GET", "/plain/fortune", Offer.charge("fake").price("0.01").build())
              .build();
      context
          .addFilter(
              "x402",
              PaymentFilter.builder(mpp)
                  .routes(x402Routes)
                  .allowInsecureHttp(true)
                  .discoveryPath(null)
                  .x402(true)
                  .build())
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/x402/*");
      context
          .addFilter(
              "plain",
              PaymentFilter.builder(mpp)
                  .routes(plainRoutes)
                  .allowInsecureHttp(true)
                  .discoveryPath(null)
                  .build())
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/plain/*");
    }
  }

  private static final class Fortune extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("fortune");
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(container.uri(path).toString()));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ObjectNode decode(String base64) {
    return Json.parseObject(Base64.getDecoder().decode(base64));
  }

  @Test
  void unpaidWhenX402OnThenPaymentRequiredBesideTheNativeChallenges() throws Exception {
    HttpResponse<String> response = get("/x402/fortune");

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")))
        .extracting(c -> c.method())
        .containsExactly("fake", "alt");
    ObjectNode required = decode(response.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
    assertThat(required.path("x402Version").asInt()).isEqualTo(2);
    assertThat(required.path("resource").path("url").asText()).endsWith("/x402/fortune");
    assertThat(required.path("accepts")).hasSize(1);
    assertThat(required.path("accepts").get(0).path("extra").path("mpp").path("method").asText())
        .isEqualTo("fake");
  }

  @Test
  void paidWhenPaymentSignatureEchoesRequirementThenServedWithPaymentResponse() throws Exception {
    String required = get("/x402/fortune").headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
    String signature = FakeX402Method.pay(required, "x402-token-1");

    HttpResponse<String> paid = get("/x402/fortune", "PAYMENT-SIGNATURE", signature);

    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.body()).isEqualTo("fortune");
    ObjectNode settlement =
        decode(paid.headers().firstValue(X402Headers.PAYMENT_RESPONSE).orElseThrow());
    assertThat(settlement.path("success").asBoolean()).isTrue();
    assertThat(settlement.path("transaction").asText()).isEqualTo("fake_x402-token-1");
    assertThat(settlement.path("network").asText()).isEqualTo("test:1");
    assertThat(paid.headers().firstValue("Payment-Receipt")).isPresent();

    HttpResponse<String> replay = get("/x402/fortune", "PAYMENT-SIGNATURE", signature);
    assertThat(replay.statusCode()).isEqualTo(402);
    ObjectNode refusal = decode(replay.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
    assertThat(refusal.path("error").asText()).isEqualTo("Challenge has already been used.");
    assertThat(replay.headers().firstValue(X402Headers.PAYMENT_RESPONSE)).isEmpty();
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void paidWhenPaymentSignatureIsGarbageThen402WithAFreshRequirement() throws Exception {
    HttpResponse<String> response = get("/x402/fortune", "PAYMENT-SIGNATURE", "bm90IGpzb24=");

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.body()).contains("malformed-credential");
    ObjectNode required = decode(response.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
    assertThat(required.path("error").asText()).startsWith("x402 payment cannot be decoded");
    assertThat(required.path("accepts")).hasSize(1);
  }

  @Test
  void paidWhenX402OffThenPaymentSignatureIgnoredAndNoPaymentRequired() throws Exception {
    String required = get("/x402/fortune").headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
    HttpResponse<String> response =
        get("/plain/fortune", "PAYMENT-SIGNATURE", FakeX402Method.pay(required, "x402-token-2"));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.body()).contains("payment-required");
    assertThat(response.headers().firstValue("PAYMENT-REQUIRED")).isEmpty();
    assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
  }
}
