package io.mpp4j.servlet;

import io.mpp4j.core.Decision;
import io.mpp4j.core.Offer;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The per-request steps of the {@link PaymentFilter} before and after the handler: discovery, route
 * resolution, TLS, body buffering, idempotency, the engine's decision.
 */
final class PaymentGate {
  private static final System.Logger LOG = System.getLogger(PaymentGate.class.getName());
  private static final int MAX_STORED_RESPONSE_BYTES = 1 << 20;

  private final FilterSettings settings;
  private final AnnotatedRoutes annotated;
  private final OpenApiDocument discovery;
  private final Idempotency idempotency;

  /** What to run the chain with; {@code response} is null for a request that is not paid. */
  record Admission(HttpServletRequest request, PaidResponse response, Idempotency.Begun call) {}

  PaymentGate(FilterSettings settings, AnnotatedRoutes annotated, OpenApiDocument discovery) {
    this.settings = settings;
    this.annotated = annotated;
    this.discovery = discovery;
    this.idempotency = new Idempotency(settings.idempotencyStore(), settings.idempotencyTtl());
  }

  /** Null when the gate answered the request itself. */
  Admission admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = Exchanges.path(request);
    String method = request.getMethod();
    if (discovery != null && path.equals(settings.discoveryPath()) && method.matches("GET|HEAD")) {
      discovery.writeTo(response, method.equals("HEAD"));
      return null;
    }
    Optional<? extends PaidRoute> route = settings.routes().match(method, path);
    if (route.isEmpty()) {
      route = annotated.resolve(request);
    }
    if (route.isEmpty()) {
      return new Admission(request, null, null);
    }
    if (!settings.allowInsecureHttp()
        && !Exchanges.isHttps(request, settings.trustForwardedProto())) {
      Responses.problem(response, ProblemType.BAD_REQUEST, "Payment requires HTTPS.");
      return null;
    }
    byte[] body;
    try {
      body = BufferedRequest.read(request, settings.maxBodyBytes());
    } catch (BufferedRequest.TooLarge e) {
      Responses.problem(
          response,
          ProblemType.PAYLOAD_TOO_LARGE,
          "Request body is larger than " + settings.maxBodyBytes() + " bytes.");
      return null;
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
      return null;
    }
    if (offers.isEmpty()) {
      return new Admission(buffered, null, null);
    }
    Optional<Idempotency.Call> state;
    try {
      state = idempotency.begin(request, body);
    } catch (StoreUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "idempotency store unavailable: {0}", e.getMessage());
      response.setHeader("Retry-After", Integer.toString(settings.mpp().retryAfterSeconds()));
      Responses.problem(
          response, ProblemType.SERVICE_UNAVAILABLE, "Payment store is unavailable; retry later.");
      return null;
    }
    Idempotency.Begun call = null;
    if (state.isPresent()) {
      if (state.get() instanceof Idempotency.Begun begun) {
        call = begun;
      } else {
        answer(response, state.get());
        return null;
      }
    }
    Decision decision;
    try {
      decision = settings.mpp().decide(Exchanges.of(request, body), offers);
    } catch (RuntimeException e) {
      forget(call);
      throw e;
    }
    if (decision instanceof Decision.Paid paid) {
      buffered.setAttribute(Payments.ATTRIBUTE, paid.payment());
      int capture = call == null ? 0 : MAX_STORED_RESPONSE_BYTES;
      return new Admission(
          buffered, new PaidResponse(response, paid.receiptHeader(), capture), call);
    }
    forget(call);
    Responses.decision(response, decision);
    return null;
  }

  private static void answer(HttpServletResponse response, Idempotency.Call state)
      throws IOException {
    if (state instanceof Idempotency.Replay replay) {
      replay.response().writeTo(response);
    } else if (state instanceof Idempotency.Invalid invalid) {
      Responses.problem(response, ProblemType.BAD_REQUEST, invalid.detail());
    } else {
      Responses.plainProblem(
          response, 409, "Conflict", "A request with this Idempotency-Key is still running.");
    }
  }

  /** After the handler: keeps its response for retries, or releases the key. */
  void finish(Admission admission, boolean completed) {
    if (admission.call() == null) {
      return;
    }
    try {
      byte[] body = admission.response().capturedBody();
      boolean replayable =
          completed
              && body != null
              && admission.response().getStatus() < 500
              && !admission.request().isAsyncStarted();
      if (replayable) {
        idempotency.complete(admission.call(), StoredResponse.of(admission.response(), body));
      } else {
        idempotency.abandon(admission.call());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "could not store an idempotent response: {0}", e.toString());
    }
  }

  private void forget(Idempotency.Begun call) {
    if (call != null) {
      try {
        idempotency.abandon(call);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not release an idempotency key; it expires");
      }
    }
  }
}
