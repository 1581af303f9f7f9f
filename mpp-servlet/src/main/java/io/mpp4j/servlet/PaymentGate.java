package io.mpp4j.servlet;

import io.mpp4j.core.Decision;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-request steps of the {@link PaymentFilter} before the handler: discovery, route
 * resolution, TLS, body buffering, the engine's decision, and writing every answer that is not the
 * handler's.
 */
final class PaymentGate {
  private static final int MAX_STORED_RESPONSE_BYTES = 1 << 20;

  private final FilterSettings settings;
  private final AnnotatedRoutes annotated;
  private final ServletMappings mappings;
  private final OpenApiDocument discovery;
  private final BodyReader bodies;

  PaymentGate(
      FilterSettings settings,
      AnnotatedRoutes annotated,
      ServletMappings mappings,
      OpenApiDocument discovery) {
    this.settings = settings;
    this.annotated = annotated;
    this.mappings = mappings;
    this.discovery = discovery;
    this.bodies =
        new BodyReader(
            settings.maxBodyBytes(), settings.bodyDeadline(), settings.maxConcurrentBodies());
  }

  Admission admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = Exchanges.path(request);
    String method = request.getMethod();
    if (discovery != null && path.equals(settings.discoveryPath()) && method.matches("GET|HEAD")) {
      discovery.writeTo(response, method.equals("HEAD"));
      return new Admission.Answered();
    }
    Optional<? extends PaidRoute> route = settings.routes().match(method, path);
    if (route.isPresent() && !mappings.reachesRoute(request, PathPattern.canonical(path))) {
      return new Admission.Free(request);
    }
    if (route.isEmpty()) {
      route = settings.resolver().resolve(request).<PaidRoute>map(pricing -> pricing::offers);
    }
    if (route.isEmpty()) {
      route = annotated.resolve(request);
    }
    if (route.isEmpty()) {
      return new Admission.Free(request);
    }
    if (!settings.allowInsecureHttp()
        && !Exchanges.isHttps(request, settings.trustForwardedProto())) {
      Responses.problem(response, ProblemType.BAD_REQUEST, "Payment requires HTTPS.");
      return new Admission.Answered();
    }
    byte[] body;
    try {
      body = bodies.read(request);
    } catch (BodyReader.Refused e) {
      refuseBody(request, response, e.reason());
      return new Admission.Answered();
    }
    BufferedRequest buffered = new BufferedRequest(request, body);
    List<Offer> offers;
    try {
      offers = route.get().offers(buffered, body);
    } catch (RuntimeException e) {
      if (!buffered.hasMalformedParameters()) {
        throw e;
      }
      Responses.problem(response, ProblemType.BAD_REQUEST, "Request parameters are malformed.");
      return new Admission.Answered();
    }
    if (offers.isEmpty()) {
      return new Admission.Free(buffered);
    }
    if (settings.x402()) {
      offers = settings.mpp().withX402(offers);
    }
    PaymentExchange exchange = exchange(request, body);
    Decision decision = settings.mpp().decide(exchange, offers);
    boolean paidByX402 =
        settings.x402() && request.getHeader(X402Headers.PAYMENT_SIGNATURE) != null;
    if (decision instanceof Decision.Paid paid) {
      Payments.attach(buffered, paid.settlement());
      int capture = exchange.idempotencyKey().isPresent() ? MAX_STORED_RESPONSE_BYTES : 0;
      String receipt = PaymentHeaders.formatReceipt(paid.receipt());
      Map<String, String> headers =
          paidByX402
              ? Map.of(X402Headers.PAYMENT_RESPONSE, X402Headers.paymentResponse(paid.payment()))
              : Map.of();
      return new Admission.Paid(
          buffered, new PaidResponse(response, receipt, capture, headers), paid.settlement());
    }
    Responses.decision(response, decision, paymentRequired(request, decision));
    return new Admission.Answered();
  }

  /** The x402 {@code PAYMENT-REQUIRED} value of a 402, when x402 is on and a method takes it. */
  private String paymentRequired(HttpServletRequest request, Decision decision) {
    if (!settings.x402() || !(decision instanceof Decision.PaymentRequired required)) {
      return null;
    }
    StringBuffer url = request.getRequestURL();
    if (request.getQueryString() != null) {
      url.append('?').append(request.getQueryString());
    }
    return settings
        .mpp()
        .x402PaymentRequired(required.challenges(), url.toString(), required.problem().detail())
        .orElse(null);
  }

  private PaymentExchange exchange(HttpServletRequest request, byte[] body) {
    PaymentExchange.Builder exchange =
        HttpExchanges.of(
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                name -> {
                  Enumeration<String> values = request.getHeaders(name);
                  return values == null ? List.of() : Collections.list(values);
                },
                body)
            .transportRequest(request);
    if (settings.x402()) {
      for (String value : Collections.list(request.getHeaders(X402Headers.PAYMENT_SIGNATURE))) {
        exchange.credential(X402Headers.PAYMENT_SIGNATURE, value);
      }
    }
    return exchange.build();
  }

  private void refuseBody(
      HttpServletRequest request, HttpServletResponse response, BodyReader.Refusal reason)
      throws IOException {
    switch (reason) {
      case TOO_LARGE -> {
        response.setHeader("Connection", "close");
        Responses.problem(
            response,
            ProblemType.PAYLOAD_TOO_LARGE,
            "Request body is larger than " + settings.maxBodyBytes() + " bytes.");
        response.flushBuffer();
        bodies.drain(request);
      }
      case TOO_SLOW -> {
        response.setHeader("Connection", "close");
        Responses.problem(
            response,
            ProblemType.REQUEST_TIMEOUT,
            "Request body took longer than "
                + settings.bodyDeadline().toSeconds()
                + " seconds to arrive.");
      }
      case BUSY -> {
        response.setHeader("Retry-After", "1");
        Responses.problem(
            response,
            ProblemType.SERVICE_UNAVAILABLE,
            "Too many paid request bodies are being received; retry shortly.");
      }
    }
  }
}
