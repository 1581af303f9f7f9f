package io.mpp4j.core;

import io.mpp4j.core.codec.Json;
import java.util.Objects;

/**
 * An RFC 9457 problem detail as MPP servers send it: {@code type}, {@code title}, {@code status},
 * {@code detail}, and the {@code challengeId} extension member of the fresh challenge, when there
 * is one (draft-httpauth-payment-00 §8).
 *
 * @param type the problem type
 * @param detail client-safe explanation
 * @param challengeId id of the fresh challenge sent along, or null
 */
public record Problem(ProblemType type, String detail, String challengeId) {
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(detail, "detail");
  }

  public int status() {
    return type.status();
  }

  /** The problem as {@code application/problem+json}. */
  public String toJson() {
    StringBuilder json = new StringBuilder(224 + detail.length());
    json.append("{\"type\":");
    Json.appendString(json, type.uri().toString());
    json.append(",\"title\":");
    Json.appendString(json, type.title());
    json.append(",\"status\":").append(type.status());
    json.append(",\"detail\":");
    Json.appendString(json, detail);
    if (challengeId != null) {
      json.append(",\"challengeId\":");
      Json.appendString(json, challengeId);
    }
    return json.append('}').toString();
  }
}
