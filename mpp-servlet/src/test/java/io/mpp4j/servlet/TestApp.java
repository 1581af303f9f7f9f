package io.mpp4j.servlet;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Price;
import io.mpp4j.core.Secret;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application the end-to-end suite runs on every container: annotated servlets ({@link
 * TestServlets}), a route table with fixed, multi-offer and computed prices, a strict (HTTPS-only)
 * second filter, and a store that can be switched off.
 */
final class TestApp implements ServletContainerInitializer {
  static final int MAX_BODY = 64 * 1024;
  static final int DEADLINE_BODIES = 2;
  static final String OPERATOR_TOKEN = "operator-token-for-the-test-app";

  final FakePaymentMethod fake = new FakePaymentMethod();
  final FakePaymentMethod alt = new FakePaymentMethod("alt");
  final SwitchableStore store = new SwitchableStore();
  final AtomicInteger orders = new AtomicInteger();
  final AtomicBoolean failNextOrder = new AtomicBoolean();
  final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  final AtomicInteger slowRuns = new AtomicInteger();
  volatile CountDownLatch slowEntered = new CountDownLatch(1);
  volatile CountDownLatch slowRelease = new CountDownLatch(0);
  final Mpp mpp =
      Mpp.builder()
          .realm("api.test")
          .secret(Secret.of("an end-to-end test secret of 32+ bytes"))
          .method(fake)
          .method(alt)
          .store(store)
          .listener(events::add)
          .policy(
              (credential, exchange) -> {
                if (credential.payloadString("token").orElse("").startsWith("deny")) {
                  throw new PaymentExceptions.PolicyDenied("This payer is not accepted.");
                }
              })
          .build();

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addServlet("default", new TestServlets.NotFound()).addMapping("/");
    context.addServlet("free", new TestServlets.FreeServlet()).addMapping("/free", "/strict/free");
    context.addServlet("fortune", new TestServlets.FortuneServlet()).addMapping("/api/fortune");
    context.addServlet("premium", new TestServlets.PremiumServlet()).addMapping("/api/premium");
    context.addServlet("echo", new TestServlets.EchoServlet()).addMapping("/api/echo");
    context.addServlet("orders", new TestServlets.OrdersServlet(this)).addMapping("/api/orders");
    context.addServlet("slow", new TestServlets.SlowServlet(this)).addMapping("/api/slow");
    context.addServlet("stream", new TestServlets.StreamServlet()).addMapping("/api/stream");
    context.addServlet("reset", new TestServlets.ResetServlet()).addMapping("/api/reset");
    context.addServlet("keyed", new TestServlets.KeyedServlet()).addMapping("/api/keyed");
    ServletRegistration.Dynamic async =
        context.addServlet("async", new TestServlets.AsyncServlet());
    async.addMapping("/api/async");
    async.setAsyncSupported(true);
    context.addServlet("upload", new TestServlets.UploadServlet()).addMapping("/deadline/upload");
    context
        .addServlet(
            "operator",
            OperatorServlet.builder(mpp.ledger(), Secret.of(OPERATOR_TOKEN))
                .allowInsecureHttp(true)
                .reconciler(
                    (ledger, from, to) ->
                        new io.mpp4j.core.ledger.ReconciliationReport(
                            from,
                            to,
                            java.math.BigInteger.ONE,
                            java.math.BigInteger.TWO,
                            List.of(
                                new io.mpp4j.core.ledger.ReconciliationReport.Difference(
                                    io.mpp4j.core.ledger.ReconciliationReport.Kind
                                        .MISSING_IN_LEDGER,
                                    "0xabc",
                                    null,
                                    null,
                                    java.math.BigInteger.ONE))))
                .build())
        .addMapping("/operator/*");
    context
        .addServlet("info", new TestServlets.PaymentInfoServlet())
        .addMapping(
            "/api/both",
            "/api/search",
            "/api/items/*",
            "/api/broken",
            "/strict/thing",
            "/xml/thing");

    RouteTable routes =
        RouteTable.builder()
            .route(
                "GET",
                "/api/both",
                Offer.charge("fake").price("0.01").build(),
                Offer.charge("alt").price("0.01").build())
            .route(
                "GET",
                "/api/search",
                PricingFunction.perRequest(
                    (request, body) -> searchPrice(request.getParameter("q")),
                    Offer.charge("fake").price("0").description("0.01 per search word").build()))
            .route("GET", "/api/items/{id}", Offer.charge("fake").price("0.03").build())
            .route(
                "GET",
                "/api/broken",
                (request, body) -> {
                  throw new IllegalStateException("internal pricing detail");
                })
            .build();
    FilterRegistration.Dynamic payment =
        context.addFilter(
            "payment",
            PaymentFilter.builder(mpp)
                .routes(routes)
                .defaultMethods("fake")
                .maxBodyBytes(MAX_BODY)
                .allowInsecureHttp(true)
                .discovery("Test API", "1.2.3")
                .build());
    payment.setAsyncSupported(true);
    payment.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    context
        .addFilter(
            "deadline",
            PaymentFilter.builder(mpp)
                .routes(
                    RouteTable.builder()
                        .route(
                            "POST", "/deadline/upload", Offer.charge("fake").price("0.01").build())
                        .build())
                .defaultMethods("fake")
                .allowInsecureHttp(true)
                .bodyDeadline(java.time.Duration.ofSeconds(1))
                .maxConcurrentBodies(DEADLINE_BODIES)
                .discoveryPath(null)
                .build())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/deadline/*");
    context
        .addFilter(
            "strict",
            PaymentFilter.builder(mpp)
                .routes(
                    RouteTable.builder()
                        .route("GET", "/strict/thing", Offer.charge("fake").price("0.01").build())
                        .build())
                .defaultMethods("fake")
                .trustForwardedProto(true)
                .discoveryPath(null)
                .build())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/strict/*");
    // as a web.xml <filter> would: the container instantiates the class, configure() supplies it
    PaymentFilter.configure(
        context,
        PaymentFilter.builder(mpp)
            .routes(
                RouteTable.builder()
                    .route("GET", "/xml/thing", Offer.charge("fake").baseUnits(7).build())
                    .build())
            .defaultMethods("fake")
            .allowInsecureHttp(true)
            .discoveryPath(null));
    context
        .addFilter("declared", PaymentFilter.class)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/xml/*");
  }

  /** 0.01 per word of the query, at most 0.10; no query is free. */
  static Price searchPrice(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    int words = Math.min(10, q.trim().split("\\s+").length);
    return Price.of(new BigDecimal("0.01").multiply(BigDecimal.valueOf(words)).toPlainString());
  }
}
