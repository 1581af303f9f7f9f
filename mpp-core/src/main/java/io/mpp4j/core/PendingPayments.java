package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentJson;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Payments whose outcome was unknown: recorded in the store (so every instance can resolve them)
 * and in the ledger (so the reconciler can find them), and resolved once, through the method's
 * {@link IntentHandler#recover}, when the client retries the same credential or when the reconciler
 * gets to them. A resolution moves the store record from {@code pending} to {@code served} or
 * {@code failed} with compare-and-set, so it happens exactly once across instances.
 */
final class PendingPayments {
  private static final System.Logger LOG = System.getLogger(PendingPayments.class.getName());
  private static final String PREFIX = "pending:";
  private static final Duration KEEP = Duration.ofDays(7);

  /** A failed payment's record only answers late retries of its credential. */
  private static final Duration KEEP_FAILED = Duration.ofHours(1);

  private static final String PENDING = "pending";
  private static final String SETTLED = "settled";
  private static final String SERVED = "served";
  private static final String FAILED = "failed";

  private final Store store;
  private final Ledger ledger;
  private final Clock clock;
  private final OfferRegistry registry;
  private final Consumer<PaymentEvent> events;

  PendingPayments(
      Store store,
      Ledger ledger,
      Clock clock,
      OfferRegistry registry,
      Consumer<PaymentEvent> events) {
    this.store = store;
    this.ledger = ledger;
    this.clock = clock;
    this.registry = registry;
    this.events = events;
  }

  /** How a retry of a pending payment's credential ended. */
  sealed interface Retry {}

  /** The earlier payment settled: serve the retry under it. */
  record Serve(Payment payment) implements Retry {}

  /** Nothing pending for this challenge (it was simply used). */
  record NotPending() implements Retry {}

  /** Records a payment whose outcome is unknown. Never throws. */
  void recordUnknown(
      PaymentExchange exchange,
      PreparedOffer offer,
      Credential credential,
      Optional<VerificationContext.Submission> submission,
      String detail) {
    Challenge echoed = credential.challenge();
    Instant now = clock.instant();
    ObjectNode json = Json.object();
    json.put("status", PENDING);
    json.put("method", echoed.method());
    json.put("intent", echoed.intent());
    json.put("route", exchange.scope().orElse(""));
    json.set("request", offer.request().toJson());
    putIfPresent(json, "payer", credential.source());
    submission.ifPresent(
        s -> {
          json.put("reference", s.reference());
          putIfPresent(json, "recovery", s.recovery());
        });
    json.put("since", Timestamps.format(now));
    json.put("credential", fingerprint(credential));
    try {
      store.compareAndSet(key(echoed.id()), 0, bytes(json), KEEP);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "could not record a pending payment: {0}", e.toString());
    }
    Ledgers.record(
        ledger,
        events,
        clock,
        entry(exchange, offer, credential, LedgerEntry.Status.PENDING, submission, detail, now));
  }

  /** Records a payment that reached the network or processor and was refused. Never throws. */
  void recordFailed(
      PaymentExchange exchange,
      PreparedOffer offer,
      Credential credential,
      VerificationContext.Submission submission,
      String detail) {
    Ledgers.record(
        ledger,
        events,
        clock,
        entry(
            exchange,
            offer,
            credential,
            LedgerEntry.Status.FAILED,
            Optional.of(submission),
            detail,
            clock.instant()));
  }

  /** Records a settled payment. Never throws. */
  void recordSettled(
      PaymentExchange exchange, PreparedOffer offer, Credential credential, Receipt receipt) {
    LedgerEntry entry =
        entry(
            exchange,
            offer,
            credential,
            LedgerEntry.Status.SETTLED,
            Optional.of(new VerificationContext.Submission(receipt.reference(), null)),
            null,
            receipt.timestamp());
    Ledgers.record(ledger, events, clock, entry);
  }

  /**
   * The retry of a credential whose challenge is already claimed: when it repeats the credential
   * whose outcome was unknown (same payload and source), served once when its pending payment
   * settled (resolved now, or earlier by the reconciler), refused with a fresh challenge when it
   * failed.
   *
   * @throws PaymentExceptions.VerificationFailed when the earlier payment failed (its challenge is
   *     released)
   * @throws PaymentExceptions.ServiceUnavailable when the outcome is still unknown
   */
  Retry onRetry(Credential credential, PreparedOffer offer, Runnable releaseClaim) {
    Challenge echoed = credential.challenge();
    Optional<StoreRecord> record = store.get(key(echoed.id()));
    if (record.isEmpty()) {
      return new NotPending();
    }
    ObjectNode json = Json.parseObject(record.get().value());
    if (!fingerprint(credential).equals(json.path("credential").asText())) {
      return new NotPending();
    }
    String status = json.path("status").asText();
    PendingPayment pending = pending(echoed.id(), json);
    Receipt receipt;
    if (status.equals(SETTLED)) {
      receipt = PaymentJson.receiptFromJson(json.get("receipt"));
    } else if (status.equals(PENDING)) {
      Recovery recovery = offer.handler().recover(pending, new RecoveryContext(store, clock));
      if (recovery instanceof Recovery.Failed failed) {
        if (transition(echoed.id(), record.get(), json, FAILED)) {
          resolved(pending, LedgerEntry.Status.FAILED, null, failed.reason());
          releaseClaim.run();
        }
        throw new PaymentExceptions.VerificationFailed(
            "The earlier payment with this credential did not go through; pay again.");
      }
      if (!(recovery instanceof Recovery.Settled settled)) {
        throw new PaymentExceptions.ServiceUnavailable(
            "The outcome of the earlier payment with this credential is not known yet; retry"
                + " later.",
            null);
      }
      receipt = settled.receipt();
      resolved(pending, LedgerEntry.Status.SETTLED, receipt.reference(), null);
    } else {
      return new NotPending();
    }
    json.set("receipt", PaymentJson.toJson(receipt));
    if (!transition(echoed.id(), record.get(), json, SERVED)) {
      return new NotPending();
    }
    return new Serve(
        new Payment(
            receipt,
            echoed.method(),
            echoed.intent(),
            offer.request(),
            echoed.id(),
            pending.payer()));
  }

  /** Resolves what can be resolved of the pending payments older than {@code minAge}. */
  int reconcile(Duration minAge, int limit) {
    List<LedgerEntry> entries = ledger.pending(clock.instant().minus(minAge), limit);
    int resolved = 0;
    for (LedgerEntry entry : entries) {
      try {
        resolved += reconcile(entry) ? 1 : 0;
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "pending payment {0} could not be resolved now: {1}",
            entry.challengeId(),
            e.getClass().getName());
      }
    }
    return resolved;
  }

  private boolean reconcile(LedgerEntry entry) {
    Optional<StoreRecord> record = store.get(key(entry.challengeId()));
    if (record.isEmpty()) {
      return false;
    }
    ObjectNode json = Json.parseObject(record.get().value());
    if (!PENDING.equals(json.path("status").asText())) {
      return false;
    }
    PendingPayment pending = pending(entry.challengeId(), json);
    Optional<IntentHandler<IntentRequest>> handler =
        registry.handler(pending.method(), pending.intent());
    if (handler.isEmpty()) {
      return false;
    }
    Recovery recovery = handler.get().recover(pending, new RecoveryContext(store, clock));
    if (recovery instanceof Recovery.Settled settled) {
      json.set("receipt", PaymentJson.toJson(settled.receipt()));
      if (transition(entry.challengeId(), record.get(), json, SETTLED)) {
        resolved(pending, LedgerEntry.Status.SETTLED, settled.receipt().reference(), null);
        return true;
      }
    } else if (recovery instanceof Recovery.Failed failed) {
      if (transition(entry.challengeId(), record.get(), json, FAILED)) {
        resolved(pending, LedgerEntry.Status.FAILED, null, failed.reason());
        releaseQuietly(CredentialVerifier.claimKey(entry.challengeId()));
        return true;
      }
    }
    return false;
  }

  private boolean transition(String challengeId, StoreRecord record, ObjectNode json, String to) {
    json.put("status", to);
    Duration keep = to.equals(FAILED) ? KEEP_FAILED : KEEP;
    return store.compareAndSet(key(challengeId), record.version(), bytes(json), keep);
  }

  private void resolved(
      PendingPayment pending, LedgerEntry.Status status, String reference, String detail) {
    Instant now = clock.instant();
    Ledgers.resolve(ledger, events, clock, pending.challengeId(), status, reference, detail);
    events.accept(
        new PaymentEvent.OutcomeResolved(
            now,
            pending.challengeId(),
            pending.method(),
            pending.intent(),
            pending.route(),
            status == LedgerEntry.Status.SETTLED,
            reference != null ? reference : pending.reference(),
            detail));
  }

  private static PendingPayment pending(String challengeId, ObjectNode json) {
    JsonNode request = json.get("request");
    return new PendingPayment(
        challengeId,
        json.path("method").asText(),
        json.path("intent").asText(),
        json.path("route").asText(),
        request instanceof ObjectNode object ? object : Json.object(),
        text(json, "payer"),
        text(json, "reference"),
        text(json, "recovery"),
        Timestamps.parse(json.path("since").asText()));
  }

  private static LedgerEntry entry(
      PaymentExchange exchange,
      PreparedOffer offer,
      Credential credential,
      LedgerEntry.Status status,
      Optional<VerificationContext.Submission> submission,
      String detail,
      Instant at) {
    return new LedgerEntry(
        credential.challenge().id(),
        at,
        status == LedgerEntry.Status.PENDING ? null : at,
        status,
        exchange.scope().orElse(""),
        offer.offer().method(),
        offer.offer().intent(),
        offer.request().amount(),
        offer.request().currency(),
        credential.source(),
        submission.map(VerificationContext.Submission::reference).orElse(null),
        exchange.idempotencyKey().orElse(null),
        detail);
  }

  private void releaseQuietly(String key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not release a claim; it expires by itself");
    }
  }

  /** The credential a retry must repeat: its payload and source, hashed. */
  private static String fingerprint(Credential credential) {
    String text =
        Jcs.encode(credential.payload())
            + "|"
            + (credential.source() == null ? "" : credential.source());
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(String challengeId) {
    return PREFIX + challengeId;
  }

  private static byte[] bytes(ObjectNode json) {
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ObjectNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  private static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
