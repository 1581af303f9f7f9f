package io.mpp4j.examples;

import io.mpp4j.core.Intent;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.servlet.RouteTable;
import io.mpp4j.tempo.TempoMethod;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The example's session routes (draft-tempo-session-00), present when the Tempo method serves
 * sessions ({@code MPP_TEMPO_ESCROW} and {@code MPP_TEMPO_PAYEE_KEY}): {@code GET
 * /api/session-fortune} at 0.01 per request, {@code GET /api/stream?chunks=N} streaming N events at
 * 0.001 each, and {@code GET /api/chat?prompt=...} streaming generated tokens at 0.0001 each. Each
 * route also takes {@code HEAD} and {@code POST}, where clients send vouchers and the close.
 */
final class SessionRoutes {
  static final String FORTUNE = "/api/session-fortune";
  static final String STREAM = "/api/stream";
  static final String CHAT = "/api/chat";

  private SessionRoutes() {}

  /** Whether a Tempo method among {@code methods} serves sessions. */
  static boolean enabled(List<PaymentMethod> methods) {
    return methods.stream()
        .filter(m -> m.id().equals(TempoMethod.ID))
        .flatMap(m -> m.handlers().stream())
        .anyMatch(h -> h.intent() == Intent.SESSION);
  }

  /** Adds the session routes to {@code routes} and their servlets to {@code context}. */
  static void install(
      List<PaymentMethod> methods, RouteTable.Builder routes, ServletContextHandler context) {
    if (!enabled(methods)) {
      return;
    }
    route(routes, FORTUNE, session("0.01", "request", "A session fortune"));
    route(routes, STREAM, session("0.001", "chunk", "Streamed chunks"));
    route(routes, CHAT, session("0.0001", "llm_token", "Generated tokens"));
    context.addServlet(new ServletHolder("session-fortune", new SessionFortuneServlet()), FORTUNE);
    context.addServlet(new ServletHolder("stream", new StreamServlet()), STREAM);
    context.addServlet(new ServletHolder("chat", new ChatServlet()), CHAT);
  }

  /** Stops the session threads of the methods that have them. */
  static void close(List<PaymentMethod> methods) {
    for (PaymentMethod method : methods) {
      if (method instanceof TempoMethod tempo) {
        tempo.close();
      }
    }
  }

  /** A Tempo session offer at {@code price} per {@code unitType}. */
  static Offer session(String price, String unitType, String description) {
    return Offer.session(TempoMethod.ID)
        .price(price)
        .unitType(unitType)
        .description(description)
        .build();
  }

  private static void route(RouteTable.Builder routes, String path, Offer offer) {
    for (String method : List.of("GET", "HEAD", "POST")) {
      routes.route(method, path, offer);
    }
  }
}
