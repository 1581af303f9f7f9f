package io.mpp4j.servlet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Payment;
import io.mpp4j.core.codec.Json;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The servlets of {@link TestApp}: paid by annotation or by its route tables, each answering with
 * what the end-to-end tests check (the payment it saw, a body it read, an order it counted).
 */
final class TestServlets {
  private TestServlets() {}

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
      ObjectNode json =
          Payments.current(req).map(TestServlets::describe).orElseGet(() -> Json.object());
      json(resp, json.put("paid", Payments.current(req).isPresent()));
    }
  }
}
