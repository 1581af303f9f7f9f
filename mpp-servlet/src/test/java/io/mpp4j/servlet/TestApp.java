package io.mpp4j.servlet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Payment;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Price;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application the end-to-end suite runs on every container: annotated servlets, a route table
 * with fixed, multi-offer and computed prices, a strict (HTTPS-only) second filter, and a store
 * that can be switched off.
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
    context.addServlet("default", new NotFound()).addMapping("/");
    context.addServlet("free", new FreeServlet()).addMapping("/free", "/strict/free");
    context.addServlet("fortune", new FortuneServlet()).addMapping("/api/fortune");
    context.addServlet("premium", new PremiumServlet()).addMapping("/api/premium");
    context.addServlet("echo", new EchoServlet()).addMapping("/api/echo");
    context.addServlet("orders", new OrdersServlet(this)).addMapping("/api/orders");
    context.addServlet("slow", new SlowServlet(this)).addMapping("/api/slow");
    context.addServlet("stream", new StreamServlet()).addMapping("/api/stream");
    context.addServlet("reset", new ResetServlet()).addMapping("/api/reset");
    context.addServlet("keyed", new KeyedServlet()).addMapping("/api/keyed");
    ServletRegistration.Dynamic async = context.addServlet("async", new AsyncServlet());
    async.addMapping("/api/async");
    async.setAsyncSupported(true);
    context.addServlet("upload", new UploadServlet()).addMapping("/deadline/upload");
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
        .addServlet("info", new PaymentInfoServlet())
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

  static void json(HttpServletResponse response, ObjectNode json) throws IOException {
    response.setContentType("application/json");
    response.getOutputStream().write(Json.write(json).getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode describe(Payment payment) {
    ObjectNode json = Json.object();
    json.put("method", payment.method());
    json.put("amount", payment.amount().toString());
    json.put("currency", payment.currency());
    json.put("reference", payment.reference());
    json.put("payer", payment.payer().orElse(null));
    return json;
  }

  public static final class NotFound extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(404);
      resp.getWriter().write("not found");
    }
  }

  public static final class FreeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("free:" + Payments.current(req).isPresent());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().write(Long.toString(req.getInputStream().readAllBytes().length));
    }
  }

  @Paid(price = "0.01", description = "A fortune")
  public static final class FortuneServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      json(resp, describe(Payments.require(req)).put("fortune", "You will be paid."));
    }
  }

  @Paid(price = "0.50")
  public static final class PremiumServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      json(resp, describe(Payments.require(req)).put("premium", true));
    }
  }

  public static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().write("echo is free to look at");
    }

    @Paid(price = "0.02", description = "Echoes the body")
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String type = req.getContentType();
      resp.setContentType("text/plain;charset=UTF-8");
      if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
        resp.getWriter().write("form:" + req.getParameter("msg") + ":" + req.getParameter("x"));
      } else {
        resp.getWriter()
            .write(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  public static final class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient TestApp app;

    OrdersServlet(TestApp app) {
      this.app = app;
    }

    @Paid(baseUnits = 5, description = "Places an order")
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (app.failNextOrder.getAndSet(false)) {
        throw new IllegalStateException("the order service is down");
      }
      int order = app.orders.incrementAndGet();
      resp.setStatus(201);
      resp.setHeader("Location", "/api/orders/" + order);
      json(resp, Json.object().put("order", order));
    }
  }

  public static final class SlowServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient TestApp app;

    SlowServlet(TestApp app) {
      this.app = app;
    }

    @Paid(price = "0.01")
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      app.slowRuns.incrementAndGet();
      app.slowEntered.countDown();
      try {
        if (!app.slowRelease.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("slow handler was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resp.getWriter().write("slow done " + app.slowRuns.get());
    }
  }

  @Paid(price = "0.01")
  public static final class StreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("first;");
      resp.flushBuffer();
      resp.setHeader("X-Too-Late", "yes");
      resp.getWriter().write("second");
    }
  }

  @Paid(price = "0.01")
  public static final class ResetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setHeader("X-Discarded", "yes");
      resp.getWriter().write("discarded");
      resp.reset();
      resp.getWriter().write("after reset");
    }
  }

  @Paid(price = "0.01", credentialHeader = "Payment-Authorization")
  public static final class KeyedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      json(resp, describe(Payments.require(req)).put("apiKey", req.getHeader("Authorization")));
    }
  }

  /** Answers from another thread; {@code ?hang} never completes (the async timeout fires). */
  @Paid(price = "0.01")
  public static final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      if (req.getQueryString() != null && req.getQueryString().contains("hang")) {
        async.setTimeout(300);
        return;
      }
      Payment payment = Payments.require(req);
      new Thread(
              () -> {
                try {
                  Thread.sleep(20);
                  resp.setStatus(202);
                  json(resp, describe(payment).put("async", true));
                } catch (IOException | InterruptedException e) {
                  resp.setStatus(500);
                } finally {
                  async.complete();
                }
              })
          .start();
    }
  }

  public static final class UploadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().write("uploaded " + req.getInputStream().readAllBytes().length);
    }
  }

  public static final class PaymentInfoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ObjectNode json = Payments.current(req).map(TestApp::describe).orElseGet(() -> Json.object());
      json(resp, json.put("paid", Payments.current(req).isPresent()));
    }
  }
}
