package io.mpp4j.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Proof of settlement sent in {@code Payment-Receipt} (draft-httpauth-payment-00 §5.3): {@code
 * status} (always {@code success}), {@code method}, {@code timestamp} and a method-specific {@code
 * reference}, plus optional members such as {@code externalId} or {@code challengeId}.
 *
 * @param method payment method id
 * @param reference method-specific reference (transaction hash, PaymentIntent id)
 * @param timestamp settlement time
 * @param extra further members, e.g. {@code externalId}; copied
 */
public record Receipt(
    String method, String reference, Instant timestamp, Map<String, String> extra) {
  /** The only status a receipt carries. */
  public static final String STATUS_SUCCESS = "success";

  public Receipt {
    if (Objects.requireNonNull(method, "method").isEmpty()) {
      throw new IllegalArgumentException("method must not be empty");
    }
    if (Objects.requireNonNull(reference, "reference").isEmpty()) {
      throw new IllegalArgumentException("reference must not be empty");
    }
    Objects.requireNonNull(timestamp, "timestamp");
    extra = Map.copyOf(extra == null ? Map.of() : extra);
  }

  public Receipt(String method, String reference, Instant timestamp) {
    this(method, reference, timestamp, Map.of());
  }

  public String status() {
    return STATUS_SUCCESS;
  }

  /** A copy with one more member (e.g. {@code challengeId}). */
  public Receipt with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(extra);
    copy.put(name, value);
    return new Receipt(method, reference, timestamp, copy);
  }
}
