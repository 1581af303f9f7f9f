package io.mpp4j.tempo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.PaymentHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A paid endpoint on the JDK's HTTP server wired straight to the engine: {@code GET /api/fortune}
 * costs 0.01 (or the given price) through the given method. Stands in for the servlet layer in
 * interop tests.
 */
final class FortuneServer implements AutoCloseable {
  private final HttpServer server;
  private final Mpp mpp;
  private final List<Offer> offers;

  FortuneServer(TempoMethod method) throws IOException {
    this(method, "0.01");
  }

  FortuneServer(TempoMethod method, String price) throws IOException {
    this(
        Mpp.builder()
            .realm(PaymentHarness.REALM)
            .secret(Secret.of(PaymentHarness.SECRET))
            .method(method)
            .build(),
        List.of(Offer.charge(TempoMethod.ID).price(price).build()));
  }

  /** {@code GET /api/fortune} paid through {@code mpp} with {@code offers}. */
  FortuneServer(Mpp mpp, List<Offer> offers) throws IOException {
    this.offers = offers;
    this.mpp = mpp;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/fortune", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/fortune");
  }

  Mpp mpp() {
    return mpp;
  }

  private void handle(HttpExchange http) throws IOException {
    byte[] body;
    try (InputStream in = http.getRequestBody()) {
      body = in.readAllBytes();
    }
    PaymentExchange exchange =
        HttpExchanges.of(
                http.getRequestMethod(),
                http.getRequestURI().getPath(),
                http.getRequestURI().getRawQuery(),
                name -> http.getRequestHeaders().get(name),
                body)
            .build();
    Decision decision = mpp.decide(exchange, offers);
    String response;
    if (decision instanceof Decision.Paid paid) {
      http.getResponseHeaders()
          .add("Payment-Receipt", PaymentHeaders.formatReceipt(paid.settlement().complete()));
      http.getResponseHeaders().add("Cache-Control", "private");
      http.getResponseHeaders().add("Content-Type", "application/json");
      response = "{\"fortune\":\"A paid request is a happy request.\"}";
    } else if (decision instanceof Decision.PaymentRequired required) {
      for (Challenge challenge : required.challenges()) {
        http.getResponseHeaders()
            .add("WWW-Authenticate", PaymentHeaders.formatChallenge(challenge));
      }
      http.getResponseHeaders().add("Cache-Control", "no-store");
      http.getResponseHeaders().add("Content-Type", "application/problem+json");
      response = required.problem().toJson();
    } else {
      Decision.Rejected rejected = (Decision.Rejected) decision;
      if (rejected.retryAfterSeconds() > 0) {
        http.getResponseHeaders()
            .add("Retry-After", Integer.toString(rejected.retryAfterSeconds()));
      }
      http.getResponseHeaders().add("Content-Type", "application/problem+json");
      response = rejected.problem().toJson();
    }
    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
    http.sendResponseHeaders(decision.status(), bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
