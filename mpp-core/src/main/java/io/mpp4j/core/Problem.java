package io.mpp4j.core;

import io.mpp4j.core.codec.Json;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An RFC 9457 problem detail as MPP servers send it: {@code type}, {@code title}, {@code status},
 * {@code detail}, the {@code challengeId} extension member of the fresh challenge when there is one
 * (draft-httpauth-payment-00 §8), and further string members such as a session's {@code channelId}
 * and {@code requiredTopUp} (draft-tempo-session-00 §9).
 *
 * @param type the problem type
 * @param detail client-safe explanation
 * @param challengeId id of the fresh challenge sent along, or null
 * @param members further extension members; copied
 * @since 0.1.0
 */
public record Problem(
    ProblemType type, String detail, String challengeId, Map<String, String> members) {
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(detail, "detail");
    members = members == null || members.isEmpty() ? Map.of() : Map.copyOf(members);
  }

  public Problem(ProblemType type, String detail, String challengeId) {
    this(type, detail, challengeId, Map.of());
  }

  /** A problem for a refusal. */
  public static Problem of(PaymentException e, String challengeId) {
    return new Problem(e.type(), e.detail(), challengeId, e.members());
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
    for (Map.Entry<String, String> member : new TreeMap<>(members).entrySet()) {
      json.append(',');
      Json.appendString(json, member.getKey());
      json.append(':');
      Json.appendString(json, member.getValue());
    }
    return json.append('}').toString();
  }
}
