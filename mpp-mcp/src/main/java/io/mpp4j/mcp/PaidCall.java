package io.mpp4j.mcp;

import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.Problem;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Served;
import io.mpp4j.core.Settlement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
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
    McpPayments.PaidRequest paid = new McpPayments.PaidRequest(((Gate.Run) admission).settlement());
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
    return finish(paid, result);
  }

  <X> Mono<R> async(X exchange, Q request, McpPayments.PaidHandler<X, Q, Mono<R>> handler) {
    return Mono.fromCallable(() -> gate.admit(kind, request, offers, exchange))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            admission -> {
              if (admission instanceof Gate.Answered answered) {
                return Mono.just(kind.withMeta(kind.empty(), answered.meta()));
              }
              McpPayments.PaidRequest paid =
                  new McpPayments.PaidRequest(((Gate.Run) admission).settlement());
              Settlement settlement = paid.settlement();
              return Mono.defer(
                      () -> handler.handle(exchange, kind.withoutCredential(request), paid))
                  .switchIfEmpty(
                      Mono.error(
                          () -> new IllegalStateException("a paid handler returned nothing")))
                  .publishOn(Schedulers.boundedElastic())
                  .map(result -> finish(paid, result))
                  .doOnError(settlement::abort)
                  .doOnCancel(() -> settlement.abort(new CancellationException("call cancelled")));
            });
  }

  private R finish(McpPayments.PaidRequest paid, R result) {
    Receipt receipt;
    try {
      receipt =
          paid.settlement()
              .complete(Served.status(kind.failed(result) ? 500 : 200).usage(paid.usage()));
    } catch (PaymentException e) {
      throw WireFormat.rejected(Problem.of(e, null), 0);
    }
    return kind.withMeta(result, WireFormat.receiptMeta(receipt, paid.payment().challengeId()));
  }
}
