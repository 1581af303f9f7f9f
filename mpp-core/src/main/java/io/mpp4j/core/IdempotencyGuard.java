package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentJson;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code Idempotency-Key} for paid requests (draft-ietf-httpapi-idempotency-key-header), kept in
 * the engine's store so it holds across instances. A key is bound to a fingerprint of the request
 * (its scope and body); a retry with the same key and fingerprint gets the stored response and its
 * own credential is not charged, whatever credential it carries; the same key with another request
 * is refused with 422; a retry while the first still runs gets 409. When the payer was charged but
 * the handler failed, the key remembers the payment, so that a retry runs the handler again without
 * a second charge.
 */
final class IdempotencyGuard {
  private static final int MAX_KEY_LENGTH = 255;
  private static final int FINGERPRINT_BYTES = 32;
  private static final Duration IN_FLIGHT_TTL = Duration.ofMinutes(5);
  private static final byte IN_FLIGHT = 'P';
  private static final byte RESPONSE = 'R';
  private static final byte UNSERVED = 'U';
  private static final byte DONE = 'X';

  private final Store store;
  private final Duration ttl;
  private final int maxResponseBytes;

  IdempotencyGuard(Store store, Duration ttl, int maxResponseBytes) {
    this.store = store;
    this.ttl = ttl;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** One keyed request this instance runs; {@code version} is the store record's. */
  record Call(String storeKey, byte[] fingerprint, long version) {}

  /** What a keyed request does. */
  sealed interface Start {}

  /** Run it: this instance holds the in-flight marker. */
  record Proceed(Call call) implements Start {}

  /** An earlier request paid and failed in its handler: serve again under its payment. */
  record Resume(Call call, Receipt receipt, String challengeId, String source) implements Start {}

  /** A completed earlier request: send its response. */
  record Replay(StoredResponse response) implements Start {}

  /** Refused: in flight (409), another request (422), or an unusable key (400). */
  record Refuse(Problem problem) implements Start {}

  /**
   * Starts a keyed request.
   *
   * @throws io.mpp4j.core.store.StoreUnavailableException when the store cannot answer
   */
  Start begin(String key, String scope, byte[] body) {
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return refuse(ProblemType.BAD_REQUEST, "Idempotency-Key must be 1 to 255 visible ASCII.");
    }
    String storeKey =
        "idempotency:" + Base64Url.encode(sha256(key.getBytes(StandardCharsets.UTF_8)));
    byte[] fingerprint = fingerprint(scope, body);
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<StoreRecord> existing = store.get(storeKey);
      if (existing.isEmpty()) {
        if (store.compareAndSet(storeKey, 0, record(IN_FLIGHT, fingerprint, null), IN_FLIGHT_TTL)) {
          return new Proceed(new Call(storeKey, fingerprint, 1));
        }
        continue;
      }
      byte[] value = existing.get().value();
      if (value.length < 1 + FINGERPRINT_BYTES
          || !Arrays.equals(value, 1, 1 + FINGERPRINT_BYTES, fingerprint, 0, FINGERPRINT_BYTES)) {
        return refuse(
            ProblemType.UNPROCESSABLE,
            "This Idempotency-Key was used for a different request (method, target or body).");
      }
      switch (value[0]) {
        case RESPONSE:
          return new Replay(StoredResponse.decode(value, 1 + FINGERPRINT_BYTES));
        case UNSERVED:
          long version = existing.get().version();
          byte[] marker = record(IN_FLIGHT, fingerprint, null);
          if (store.compareAndSet(storeKey, version, marker, IN_FLIGHT_TTL)) {
            return resume(new Call(storeKey, fingerprint, version + 1), value);
          }
          continue;
        case DONE:
          return refuse(
              ProblemType.CONFLICT,
              "The request with this Idempotency-Key completed; its response was too large to keep.");
        default:
          return refuse(
              ProblemType.CONFLICT, "A request with this Idempotency-Key is still running.");
      }
    }
    return refuse(ProblemType.CONFLICT, "A request with this Idempotency-Key is still running.");
  }

  /** Keeps the response of a request that ran, so retries replay it. */
  void complete(Call call, StoredResponse response) {
    byte[] value =
        response == null || response.size() > maxResponseBytes
            ? record(DONE, call.fingerprint(), null)
            : record(RESPONSE, call.fingerprint(), response.encode());
    if (!store.compareAndSet(call.storeKey(), call.version(), value, ttl)) {
      store.delete(call.storeKey());
    }
  }

  /** The payer was charged but not served: a retry serves under this payment. */
  void unserved(Call call, Payment payment) {
    String json =
        PaymentJson.toJson(payment.receipt())
            .put("challengeId", payment.challengeId())
            .put("source", payment.source() == null ? "" : payment.source())
            .toString();
    byte[] value = record(UNSERVED, call.fingerprint(), json.getBytes(StandardCharsets.UTF_8));
    if (!store.compareAndSet(call.storeKey(), call.version(), value, ttl)) {
      store.delete(call.storeKey());
    }
  }

  /** Forgets a request that was refused before it was charged. */
  void abandon(Call call) {
    store.delete(call.storeKey());
  }

  private static Resume resume(Call call, byte[] value) {
    byte[] json = Arrays.copyOfRange(value, 1 + FINGERPRINT_BYTES, value.length);
    ObjectNode node = Json.parseObject(json);
    String challengeId = node.path("challengeId").asText();
    String source = node.path("source").asText();
    node.remove("challengeId");
    node.remove("source");
    Receipt receipt = PaymentJson.receiptFromJson(node);
    return new Resume(call, receipt, challengeId, source.isEmpty() ? null : source);
  }

  private static Refuse refuse(ProblemType type, String detail) {
    return new Refuse(new Problem(type, detail, null));
  }

  private static byte[] record(byte state, byte[] fingerprint, byte[] payload) {
    int length = 1 + fingerprint.length + (payload == null ? 0 : payload.length);
    ByteBuffer buffer = ByteBuffer.allocate(length).put(state).put(fingerprint);
    if (payload != null) {
      buffer.put(payload);
    }
    return buffer.array();
  }

  private static byte[] fingerprint(String scope, byte[] body) {
    MessageDigest digest = sha256();
    digest.update((scope == null ? "" : scope).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(sha256(body));
    return digest.digest();
  }

  private static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
