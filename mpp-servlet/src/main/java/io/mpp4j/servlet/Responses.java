package io.mpp4j.servlet;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Problem;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.StoredResponse;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one place the filter writes its own responses: the engine's decisions as HTTP
 * (draft-httpauth-payment-00 §5: {@code WWW-Authenticate} challenges, {@code Payment-Receipt}) and
 * RFC 9457 problems ({@code application/problem+json}, {@code Cache-Control: no-store}; §8).
 */
final class Responses {
  static final String PROBLEM_JSON = "application/problem+json";

  private Responses() {}

  /** Any decision but {@link Decision.Paid}, which the handler answers. */
  static void decision(HttpServletResponse response, Decision decision) throws IOException {
    decision(response, decision, null);
  }

  /**
   * Any decision but {@link Decision.Paid}; a 402 also carries {@code paymentRequired} (x402) when
   * not null, and its x402 twin challenges only there.
   */
  static void decision(HttpServletResponse response, Decision decision, String paymentRequired)
      throws IOException {
    if (decision instanceof Decision.PaymentRequired required) {
      for (Challenge challenge : required.challenges()) {
        if (!X402Headers.isX402(challenge)) {
          response.addHeader("WWW-Authenticate", PaymentHeaders.formatChallenge(challenge));
        }
      }
      if (paymentRequired != null) {
        response.setHeader(X402Headers.PAYMENT_REQUIRED, paymentRequired);
      }
      problem(response, required.problem(), 0);
    } else if (decision instanceof Decision.Rejected rejected) {
      problem(response, rejected.problem(), rejected.retryAfterSeconds());
    } else if (decision instanceof Decision.Acknowledged acknowledged) {
      response.setStatus(204);
      response.setHeader(
          PaidResponse.RECEIPT, PaymentHeaders.formatReceipt(acknowledged.receipt()));
      response.setHeader("Cache-Control", "private");
    } else if (decision instanceof Decision.Replayed replayed) {
      replay(response, replayed.response());
    } else {
      throw new IllegalArgumentException("not an answer: " + decision.getClass().getSimpleName());
    }
  }

  static void problem(HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    problem(response, new Problem(type, detail, null), 0);
  }

  static void problem(HttpServletResponse response, Problem problem, int retryAfterSeconds)
      throws IOException {
    if (retryAfterSeconds > 0) {
      response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    write(response, problem.status(), problem.toJson());
  }

  /** A problem outside the payment vocabulary ({@code about:blank} with the status's title). */
  static void plainProblem(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    StringBuilder json = new StringBuilder(128).append("{\"type\":\"about:blank\",\"title\":");
    Json.appendString(json, title);
    json.append(",\"status\":").append(status).append(",\"detail\":");
    Json.appendString(json, detail);
    write(response, status, json.append('}').toString());
  }

  private static void replay(HttpServletResponse response, StoredResponse stored)
      throws IOException {
    byte[] body = stored.body();
    response.setStatus(stored.status());
    stored.headers().forEach(response::setHeader);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  private static void write(HttpServletResponse response, int status, String json)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(PROBLEM_JSON);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }
}
