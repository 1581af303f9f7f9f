package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.servlet.testing.JettyContainer;
import io.mpp4j.servlet.testing.TestContainer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@link RouteResolver} in front of one front-controller servlet (as a framework's dispatcher
 * is): the filter charges what the resolver finds, lists its operations in discovery, and lets its
 * route table win.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteResolverTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final Mpp mpp =
      Mpp.builder()
          .realm("api.test")
          .secret(Secret.of("a route resolver test secret of 32+ bytes"))
          .method(new FakePaymentMethod())
          .build();
  private final RouteResolver resolver =
      new RouteResolver() {
        @Override
        public Optional<PricingFunction> resolve(HttpServletRequest request) {
          String path = request.getRequestURI();
          if (path.startsWith("/api/reports/")) {
            return Optional.of((req, body) -> List.of(Offer.charge("fake").price("0.10").build()));
          }
          if (path.equals("/api/dynamic")) {
            return Optional.of(
                PricingFunction.perRequest(
                    (req, body) -> req.getParameter("n") == null ? null : Price.of("0.01"),
                    Offer.charge("fake").price("0").description("per call").build()));
          }
          if (path.equals("/api/table")) {
            return Optional.of((req, body) -> List.of(Offer.charge("fake").price("9.99").build()));
          }
          return Optional.empty();
        }

        @Override
        public List<Operation> operations() {
          return List.of(
              new Operation(
                  "GET",
                  "/api/reports/{id}",
                  List.of(Offer.charge("fake").price("0.10").build()),
                  false),
              new Operation(
                  "GET",
                  "/api/dynamic",
                  List.of(Offer.charge("fake").price("0").description("per call").build()),
                  true));
        }
      };
  private TestContainer container;

  @BeforeAll
  void start() throws Exception {
    PaymentFilter filter =
        PaymentFilter.builder(mpp)
            .routeResolver(resolver)
            .routes(
                RouteTable.builder()
                    .route("GET", "/api/table", Offer.charge("fake").price("0.01").build())
                    .build())
            .allowInsecureHttp(true)
            .build();
    ServletContainerInitializer app =
        (Set<Class<?>> classes, ServletContext context) -> {
          context.addServlet("front", new FrontController()).addMapping("/");
          context
              .addFilter("payment", filter)
              .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        };
    container = JettyContainer.start(app);
  }

  @AfterAll
  void stop() throws Exception {
    container.close();
  }

  @Test
  void resolvedRouteWhenUnpaidThenChallengeForTheResolvedPrice() throws Exception {
    HttpResponse<String> response = get("/api/reports/7", null);

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .singleElement()
        .asString()
        .contains("method=\"fake\"");
  }

  @Test
  void resolvedRouteWhenPaidThenHandlerSeesThePayment() throws Exception {
    HttpResponse<String> challenge = get("/api/reports/7", null);
    String credential = pay(challenge);

    HttpResponse<String> paid = get("/api/reports/7", credential);

    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.body()).isEqualTo("paid 10");
    assertThat(paid.headers().firstValue("Payment-Receipt")).isPresent();
  }

  @Test
  void unresolvedPathWhenRequestedThenServedFreeAndUntouched() throws Exception {
    HttpResponse<String> response = get("/api/free", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("free");
    assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
  }

  @Test
  void pricingFunctionWhenItReturnsNothingThenFree() throws Exception {
    assertThat(get("/api/dynamic", null).body()).isEqualTo("free");
    assertThat(get("/api/dynamic?n=1", null).statusCode()).isEqualTo(402);
  }

  @Test
  void routeTableWhenItMatchesThenWinsOverTheResolver() throws Exception {
    HttpResponse<String> response = get("/api/table", null);

    String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(decodedRequest(challenge).get("amount").asText()).isEqualTo("1");
  }

  @Test
  void discoveryWhenResolverListsOperationsThenTheyAreDocumented() throws Exception {
    JsonNode doc =
        Json.parseObject(get("/openapi.json", null).body().getBytes(StandardCharsets.UTF_8));

    JsonNode report = doc.at("/paths/~1api~1reports~1{id}/get");
    assertThat(report.at("/x-payment-info/offers/0/amount").asText()).isEqualTo("10");
    assertThat(report.at("/parameters/0/name").asText()).isEqualTo("id");
    JsonNode dynamic = doc.at("/paths/~1api~1dynamic/get/x-payment-info/offers/0");
    assertThat(dynamic.get("amount").isNull()).isTrue();
    assertThat(dynamic.get("description").asText()).isEqualTo("per call");
  }

  @Test
  void initWhenAResolvedOperationOffersAnUnknownMethodThenFails() {
    RouteResolver unknown =
        new RouteResolver() {
          @Override
          public Optional<PricingFunction> resolve(HttpServletRequest request) {
            return Optional.empty();
          }

          @Override
          public List<Operation> operations() {
            return List.of(
                new Operation(
                    "GET", "/x", List.of(Offer.charge("nope").price("1").build()), false));
          }
        };
    PaymentFilter filter = PaymentFilter.builder(mpp).routeResolver(unknown).build();

    assertThatThrownBy(() -> filter.init(Fakes.filterConfig(Fakes.context(Map.of()))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("nope");
  }

  private HttpResponse<String> get(String path, String credential) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(container.uri(path));
    if (credential != null) {
      request.header("Authorization", credential);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String pay(HttpResponse<String> challenge) {
    return FakePaymentMethod.payHeaders(
        challenge.headers().allValues("WWW-Authenticate"), "fake", UUID.randomUUID().toString());
  }

  private static JsonNode decodedRequest(String wwwAuthenticate) {
    var challenge = io.mpp4j.core.codec.PaymentHeaders.parseChallenges(List.of(wwwAuthenticate));
    return Json.parseObject(io.mpp4j.core.codec.Base64Url.decode(challenge.get(0).request()));
  }

  /** One servlet for every path, as a framework's dispatcher is. */
  static final class FrontController extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String body = Payments.current(request).map(p -> "paid " + p.amount()).orElse("free");
      response.getWriter().write(body);
    }
  }
}
