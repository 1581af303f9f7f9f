package io.mpp4j.mcp;

import io.mpp4j.core.Meter;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Served;
import io.mpp4j.core.SessionExceptions;
import io.mpp4j.core.Settlement;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One paid operation's handler wrapped in the settlement lifecycle (draft-httpauth-payment-00
 * §5.3): the handler runs only under a {@link Settlement}, which is completed with the usage it
 * recorded when it returns (a tool result with {@code isError} counts as a failed handler) and
 * aborted when it throws or, for the async server, is cancelled; the receipt goes into the result's
 * {@code _meta}.
 */
final class PaidCall<Q, R> {
  private final Gate gate;
  private final Operations.Kind<Q, R> kind;
  private final List<Offer> offers;

  PaidCall(Gate gate, Operations.Kind<Q, R> kind, List<Offer> offers) {
    this.gate = gate;
    this.kind = kind;
    this.offers = List.copyOf(offers);
  }

  <X> R sync(X exchange, Q request, McpPayments.PaidHandler<X, Q, R> handler) {
    Gate.Admission admission = gate.admit(kind, request, offers, exchange);
    if (admission instanceof Gate.Answered answered) {
      return kind.withMeta(kind.empty(), answered.meta());
    }
    Gate.Run run = (Gate.Run) admission;
    McpPayments.PaidRequest paid = new McpPayments.PaidRequest(run.settlement());
    R result;
    try {
      result =
          Objects.requireNonNull(
              handler.handle(exchange, kind.withoutCredential(request), paid),
              "a paid handler returned null");
    } catch (RuntimeException | Error e) {
      paid.settlement().abort(e);
      throw e;
    }
    return finish(run, paid, result);
  }

  <X> Mono<R> async(X exchange, Q request, McpPayments.PaidHandler<X, Q, Mono<R>> handler) {
    return Mono.fromCallable(() -> gate.admit(kind, request, offers, exchange))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            admission -> {
              if (admission instanceof Gate.Answered answered) {
                return Mono.just(kind.withMeta(kind.empty(), answered.meta()));
              }
              Gate.Run run = (Gate.Run) admission;
              McpPayments.PaidRequest paid = new McpPayments.PaidRequest(run.settlement());
              Settlement settlement = paid.settlement();
              return Mono.defer(
                      () -> handler.handle(exchange, kind.withoutCredential(request), paid))
                  .switchIfEmpty(
                      Mono.error(
                          () -> new IllegalStateException("a paid handler returned nothing")))
                  .publishOn(Schedulers.boundedElastic())
                  .map(result -> finish(run, paid, result))
                  .doOnError(settlement::abort)
                  .doOnCancel(() -> settlement.abort(new CancellationException("call cancelled")));
            });
  }

  /**
   * Charges what the handler used and adds the receipt. Over MCP the result is not yet sent, so a
   * metered intent's usage beyond the unit reserved at admission is charged first, without waiting
   * for a voucher: when the vouchers do not cover it, the settlement is aborted (the reservation is
   * given back) and the call refused with fresh challenges, the result withheld.
   */
  private R finish(Gate.Run run, McpPayments.PaidRequest paid, R result) {
    boolean failed = kind.failed(result);
    Receipt receipt;
    try {
      if (!failed) {
        chargeUsage(paid);
      }
      receipt = paid.settlement().complete(Served.status(failed ? 500 : 200).usage(paid.usage()));
    } catch (PaymentException e) {
      paid.settlement().abort(e);
      throw gate.refused(run, e);
    }
    return kind.withMeta(result, WireFormat.receiptMeta(receipt, paid.payment().challengeId()));
  }

  /** Charges the recorded usage through the intent's meter, when it has one and it is unused. */
  private static void chargeUsage(McpPayments.PaidRequest paid) {
    long units = paid.usage().units();
    Optional<Meter> meter = paid.meterUnused() ? paid.settlement().meter() : Optional.empty();
    if (units <= 1 || meter.isEmpty()) {
      return;
    }
    AtomicReference<Meter.Need> need = new AtomicReference<>();
    if (!meter.get().charge(units, Duration.ZERO, need::set)) {
      throw uncovered(units, need.get());
    }
  }

  private static PaymentException uncovered(long units, Meter.Need need) {
    String detail = "The vouchers received do not cover the " + units + " units this call used.";
    if (need == null) {
      return new PaymentExceptions.VerificationFailed(detail);
    }
    BigInteger topUp =
        new BigInteger(need.requiredCumulative())
            .subtract(new BigInteger(need.acceptedCumulative()));
    return new SessionExceptions.InsufficientBalance(detail, need.channelId(), topUp);
  }
}
