package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment whose outcome was unknown when its request was answered (a transaction sent but not
 * confirmed, a processor call that timed out), as the engine keeps it until the method can say how
 * it ended (see {@link IntentHandler#recover}).
 *
 * @param challengeId the paid challenge
 * @param method payment method id
 * @param intent intent name
 * @param route the resource it paid for
 * @param request the challenge's request, as JSON
 * @param payer the credential's {@code source}, or null
 * @param reference the method's reference (e.g. a transaction hash), or null
 * @param recovery what the method recorded to find the outcome later (method-defined), or null
 * @param since when the outcome became unknown
 * @since 0.2.0
 */
public record PendingPayment(
    String challengeId,
    String method,
    String intent,
    String route,
    ObjectNode request,
    String payer,
    String reference,
    String recovery,
    Instant since) {
  public PendingPayment {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(route, "route");
    request = Objects.requireNonNull(request, "request").deepCopy();
    Objects.requireNonNull(since, "since");
  }

  @Override
  public ObjectNode request() {
    return request.deepCopy();
  }
}
