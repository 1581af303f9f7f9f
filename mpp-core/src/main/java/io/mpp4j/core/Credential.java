package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment credential from {@code Authorization: Payment} (draft-httpauth-payment-00 §5.2): the
 * echoed challenge, the method-specific payload and the optional payer {@code source}. Its {@code
 * toString()} never shows the payload, which may be a bearer token.
 *
 * @param challenge the echoed challenge
 * @param payload method-specific proof (copied on the way in)
 * @param source payer identifier (a DID, e.g. {@code did:pkh:eip155:4217:0x...}), or null
 */
public record Credential(Challenge challenge, ObjectNode payload, String source) {
  public Credential {
    Objects.requireNonNull(challenge, "challenge");
    payload = Objects.requireNonNull(payload, "payload").deepCopy();
  }

  /** A copy of the payload. */
  @Override
  public ObjectNode payload() {
    return payload.deepCopy();
  }

  /** A string member of the payload, if present and textual. */
  public Optional<String> payloadString(String name) {
    JsonNode value = payload.get(name);
    return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }

  public Optional<String> sourceValue() {
    return Optional.ofNullable(source);
  }

  @Override
  public String toString() {
    return "Credential[challengeId=" + challenge.id() + ", method=" + challenge.method() + "]";
  }
}
