package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The durable state of one subscription (draft-tempo-subscription-00 §"Billing Anchor and
 * Subscription State"), kept as JSON in the store and changed only by compare-and-set: identifier,
 * anchor, last charged period, the charge in flight and its transaction, expiry, cancellation and
 * revocation. Times are unix seconds of chain time. The access key is sealed ({@link
 * SubscriptionKeys}).
 *
 * @param memo whether charges use {@code transferWithMemo} (else {@code transfer})
 * @param anchor block timestamp of the activation, 0 while activating
 * @param lastCharged the last period paid, -1 while activating
 * @param chargedAt block timestamp of the last charge, 0 while activating
 * @param attempts charges tried so far (each has its own ledger entry)
 * @param inFlight the charge sent and not settled yet, or null
 * @param failure the last failed charge of the current period, or null
 * @param cancelAt when a cancellation takes effect, 0 for none
 * @param credential SHA-256 of the activating key authorization, to recognise its retry
 */
record SubscriptionRecord(
    String id,
    Status status,
    String planKey,
    String route,
    BigInteger amount,
    String currency,
    String recipient,
    long chainId,
    long periodSeconds,
    String externalId,
    String payer,
    String accessKey,
    String sealedKey,
    boolean memo,
    long expires,
    long anchor,
    long lastCharged,
    String reference,
    long chargedAt,
    int attempts,
    InFlight inFlight,
    Failure failure,
    long cancelAt,
    String challengeId,
    String credential) {

  /**
   * A charge sent for {@code period}: transaction {@code hash}, valid until {@code validBefore}.
   */
  record InFlight(long period, int attempt, String hash, long validBefore) {}

  /** Why the charge for {@code period} failed at {@code at}. */
  record Failure(long period, long at, String reason) {}

  /** The billing period {@code now} falls in. */
  long periodAt(long now) {
    return Math.floorDiv(now - anchor, periodSeconds);
  }

  /** The start of period {@code n}. */
  long periodStart(long n) {
    return anchor + n * periodSeconds;
  }

  /** The end of the last period paid. */
  long paidThrough() {
    return periodStart(lastCharged + 1);
  }

  /** The ledger id of a charge attempt. */
  String entryId(long period, int attempt) {
    return "subscription:" + id + ":" + period + ":" + attempt;
  }

  SubscriptionRecord with(Status newStatus) {
    return new SubscriptionRecord(
        id,
        newStatus,
        planKey,
        route,
        amount,
        currency,
        recipient,
        chainId,
        periodSeconds,
        externalId,
        payer,
        accessKey,
        sealedKey,
        memo,
        expires,
        anchor,
        lastCharged,
        reference,
        chargedAt,
        attempts,
        inFlight,
        failure,
        cancelAt,
        challengeId,
        credential);
  }

  /** The record after a charge for {@code period} settled in transaction {@code hash}. */
  SubscriptionRecord charged(long period, String hash, long at, long newAnchor) {
    boolean later = period > lastCharged;
    return new SubscriptionRecord(
        id,
        status == Status.ACTIVATING || status == Status.PAST_DUE ? Status.ACTIVE : status,
        planKey,
        route,
        amount,
        currency,
        recipient,
        chainId,
        periodSeconds,
        externalId,
        payer,
        accessKey,
        sealedKey,
        memo,
        expires,
        anchor == 0 ? newAnchor : anchor,
        later ? period : lastCharged,
        later ? hash : reference,
        later ? at : chargedAt,
        attempts,
        null,
        null,
        cancelAt,
        challengeId,
        credential);
  }

  /** The record with a charge for {@code period} in flight. */
  SubscriptionRecord sending(long period, String hash, long validBefore) {
    return new SubscriptionRecord(
        id,
        status,
        planKey,
        route,
        amount,
        currency,
        recipient,
        chainId,
        periodSeconds,
        externalId,
        payer,
        accessKey,
        sealedKey,
        memo,
        expires,
        anchor,
        lastCharged,
        reference,
        chargedAt,
        attempts + 1,
        new InFlight(period, attempts + 1, hash, validBefore),
        failure,
        cancelAt,
        challengeId,
        credential);
  }

  /** The record after the charge for {@code period} failed. */
  SubscriptionRecord failed(long period, long at, String reason, boolean attempted) {
    Status next =
        status == Status.ACTIVATING ? Status.FAILED : status.live() ? Status.PAST_DUE : status;
    return new SubscriptionRecord(
        id,
        next,
        planKey,
        route,
        amount,
        currency,
        recipient,
        chainId,
        periodSeconds,
        externalId,
        payer,
        accessKey,
        sealedKey,
        memo,
        expires,
        anchor,
        lastCharged,
        reference,
        chargedAt,
        attempted ? attempts : attempts + 1,
        null,
        new Failure(period, at, reason),
        cancelAt,
        challengeId,
        credential);
  }

  SubscriptionRecord cancelled(long at) {
    return new SubscriptionRecord(
        id,
        status,
        planKey,
        route,
        amount,
        currency,
        recipient,
        chainId,
        periodSeconds,
        externalId,
        payer,
        accessKey,
        sealedKey,
        memo,
        expires,
        anchor,
        lastCharged,
        reference,
        chargedAt,
        attempts,
        inFlight,
        failure,
        at,
        challengeId,
        credential);
  }

  TempoSubscription view() {
    boolean started = anchor != 0;
    return new TempoSubscription(
        id,
        status,
        payer,
        route,
        amount,
        currency,
        recipient,
        Duration.ofSeconds(periodSeconds),
        started ? Instant.ofEpochSecond(anchor) : null,
        lastCharged,
        started ? Instant.ofEpochSecond(paidThrough()) : null,
        Instant.ofEpochSecond(expires),
        cancelAt == 0 ? null : Instant.ofEpochSecond(cancelAt),
        reference);
  }

  byte[] toBytes() {
    ObjectNode json = Json.object();
    json.put("id", id).put("status", status.name()).put("plan", planKey).put("route", route);
    json.put("amount", amount.toString()).put("currency", currency).put("recipient", recipient);
    json.put("chainId", chainId).put("period", periodSeconds).put("payer", payer);
    if (externalId != null) {
      json.put("externalId", externalId);
    }
    json.put("accessKey", accessKey).put("sealedKey", sealedKey).put("memo", memo);
    json.put("expires", expires).put("anchor", anchor).put("lastCharged", lastCharged);
    if (reference != null) {
      json.put("reference", reference);
    }
    json.put("chargedAt", chargedAt).put("attempts", attempts).put("cancelAt", cancelAt);
    json.put("challengeId", challengeId).put("credential", credential);
    if (inFlight != null) {
      json.putObject("inFlight")
          .put("period", inFlight.period())
          .put("attempt", inFlight.attempt())
          .put("hash", inFlight.hash())
          .put("validBefore", inFlight.validBefore());
    }
    if (failure != null) {
      json.putObject("failure")
          .put("period", failure.period())
          .put("at", failure.at())
          .put("reason", failure.reason());
    }
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  static SubscriptionRecord fromBytes(byte[] bytes) {
    ObjectNode json = Json.parseObject(bytes);
    JsonNode flight = json.get("inFlight");
    JsonNode fail = json.get("failure");
    return new SubscriptionRecord(
        text(json, "id"),
        Status.valueOf(text(json, "status")),
        text(json, "plan"),
        text(json, "route"),
        new BigInteger(text(json, "amount")),
        text(json, "currency"),
        text(json, "recipient"),
        json.path("chainId").asLong(),
        json.path("period").asLong(),
        text(json, "externalId"),
        text(json, "payer"),
        text(json, "accessKey"),
        text(json, "sealedKey"),
        json.path("memo").asBoolean(),
        json.path("expires").asLong(),
        json.path("anchor").asLong(),
        json.path("lastCharged").asLong(),
        text(json, "reference"),
        json.path("chargedAt").asLong(),
        json.path("attempts").asInt(),
        flight == null
            ? null
            : new InFlight(
                flight.path("period").asLong(),
                flight.path("attempt").asInt(),
                text(flight, "hash"),
                flight.path("validBefore").asLong()),
        fail == null
            ? null
            : new Failure(
                fail.path("period").asLong(), fail.path("at").asLong(), text(fail, "reason")),
        json.path("cancelAt").asLong(),
        text(json, "challengeId"),
        text(json, "credential"));
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
