package io.mpp4j.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof of settlement sent in {@code Payment-Receipt} (draft-httpauth-payment-00 §5.3): {@code
 * status} (always {@code success}), {@code method}, {@code timestamp} and a method-specific {@code
 * reference}, plus optional members such as {@code externalId} or {@code challengeId}.
 *
 * @param method payment method id
 * @param reference method-specific reference (transaction hash, PaymentIntent id)
 * @param timestamp settlement time
 * @param extra further members, e.g. {@code externalId}: strings, integers ({@code Long}) or
 *     booleans, kept in insertion order; copied
 * @since 0.1.0
 */
public record Receipt(
    String method, String reference, Instant timestamp, Map<String, Object> extra) {
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
    Map<String, Object> copy = new LinkedHashMap<>();
    if (extra != null) {
      extra.forEach((name, value) -> copy.put(Objects.requireNonNull(name), member(name, value)));
    }
    extra = Collections.unmodifiableMap(copy);
  }

  private static Object member(String name, Object value) {
    if (value instanceof String || value instanceof Long || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    throw new IllegalArgumentException(
        "receipt member " + name + " must be a string, an integer or a boolean");
  }

  /** A string member, if present. */
  public Optional<String> text(String name) {
    return extra.get(name) instanceof String text ? Optional.of(text) : Optional.empty();
  }

  public Receipt(String method, String reference, Instant timestamp) {
    this(method, reference, timestamp, Map.of());
  }

  public String status() {
    return STATUS_SUCCESS;
  }

  /** A copy with one more member when {@code value} is not null, else this receipt. */
  public Receipt withOptional(String name, String value) {
    return value == null ? this : with(name, value);
  }

  /** A copy with one more member (e.g. {@code challengeId}). */
  public Receipt with(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(extra);
    copy.put(name, value);
    return new Receipt(method, reference, timestamp, copy);
  }
}
