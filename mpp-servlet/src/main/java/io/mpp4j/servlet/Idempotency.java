package io.mpp4j.servlet;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Idempotency-Key} for paid unsafe requests (draft-ietf-httpapi-idempotency-key-header): the
 * first request with a key and a {@code Payment} credential runs once; a retry with the same key,
 * credential, method, target and body gets the stored response without the engine or the handler
 * running again; a retry while the first is still running gets 409.
 */
final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int MAX_KEY_LENGTH = 255;
  private static final byte[] IN_FLIGHT = {'P'};
  private static final Duration IN_FLIGHT_TTL = Duration.ofMinutes(5);

  private final Store store;
  private final Duration ttl;

  Idempotency(Store store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  /** The state of one keyed request. */
  sealed interface Call {}

  /** This request runs; it holds the in-flight marker under {@code key}. */
  record Begun(String key) implements Call {}

  /** A completed earlier request: send its response. */
  record Replay(StoredResponse response) implements Call {}

  /** An earlier request with the same key and credential is still running. */
  record InFlight() implements Call {}

  /** The key is present but unusable. */
  record Invalid(String detail) implements Call {}

  /**
   * The idempotency state for this request, or empty when it does not apply (safe method, no key,
   * or no {@code Payment} credential).
   *
   * @throws io.mpp4j.core.store.StoreUnavailableException when the store cannot answer
   */
  Optional<Call> begin(HttpServletRequest request, byte[] body) {
    String idempotencyKey = request.getHeader(HEADER);
    if (idempotencyKey == null || !UNSAFE.contains(request.getMethod())) {
      return Optional.empty();
    }
    List<String> authorizations = Collections.list(request.getHeaders("Authorization"));
    if (authorizations.stream().noneMatch(PaymentHeaders::isPaymentAuthorization)) {
      return Optional.empty();
    }
    if (idempotencyKey.isEmpty()
        || idempotencyKey.length() > MAX_KEY_LENGTH
        || !idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return Optional.of(new Invalid("Idempotency-Key must be 1 to 255 visible ASCII characters."));
    }
    String key =
        "idempotency:"
            + fingerprint(
                idempotencyKey,
                String.join("\n", authorizations),
                request.getMethod(),
                request.getRequestURI(),
                String.valueOf(request.getQueryString()),
                Base64Url.encode(sha256(body)));
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<StoreRecord> existing = store.get(key);
      if (existing.isPresent()) {
        byte[] value = existing.get().value();
        return Optional.of(
            value.length == 1 && value[0] == IN_FLIGHT[0]
                ? new InFlight()
                : new Replay(StoredResponse.decode(value)));
      }
      if (store.compareAndSet(key, 0, IN_FLIGHT, IN_FLIGHT_TTL)) {
        return Optional.of(new Begun(key));
      }
    }
    return Optional.of(new InFlight());
  }

  /** Stores the response of a request that ran; later retries replay it. */
  void complete(Begun call, StoredResponse response) {
    if (!store.compareAndSet(call.key(), 1, response.encode(), ttl)) {
      store.delete(call.key());
    }
  }

  /** Forgets a request that did not produce a response worth replaying. */
  void abandon(Begun call) {
    store.delete(call.key());
  }

  private static String fingerprint(String... parts) {
    return Base64Url.encode(sha256(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
