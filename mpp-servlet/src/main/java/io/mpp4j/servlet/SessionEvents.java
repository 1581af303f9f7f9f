package io.mpp4j.servlet;

import io.mpp4j.core.Meter;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A metered Server-Sent Events response for a handler paid by a session (draft-tempo-session-00
 * §"Insufficient Balance During Streaming", §"Receipt Generation"): each {@link #send} charges its
 * units through the request's {@link Meter} before the {@code message} event is written; when the
 * vouchers run out it writes a {@code payment-need-voucher} event ({@code channelId}, {@code
 * requiredCumulative}, {@code acceptedCumulative}, {@code deposit}) and waits for a voucher, which
 * the client sends to the same resource; {@link #close} ends the stream with a {@code
 * payment-receipt} event. The {@code Payment-Receipt} header was sent with the response headers.
 *
 * <pre>{@code
 * try (SessionEvents events = SessionEvents.start(request, response)) {
 *   for (String token : model.generate(prompt)) {
 *     if (!events.send(token, 1)) {
 *       break;                      // no voucher came in time: stop delivering
 *     }
 *   }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class SessionEvents implements AutoCloseable {
  /** How long a paused stream waits for a voucher unless told otherwise. */
  public static final Duration DEFAULT_VOUCHER_WAIT = Duration.ofSeconds(60);

  private final Meter meter;
  private final ServletOutputStream out;
  private final HttpServletResponse response;
  private final Duration voucherWait;
  private boolean closed;

  private SessionEvents(
      Meter meter, HttpServletResponse response, ServletOutputStream out, Duration voucherWait) {
    this.meter = meter;
    this.response = response;
    this.out = out;
    this.voucherWait = voucherWait;
  }

  /**
   * Starts the event stream of a request paid by a session, waiting up to {@link
   * #DEFAULT_VOUCHER_WAIT} for each needed voucher.
   *
   * @throws IllegalStateException when the request is not paid by an intent that meters streams
   */
  public static SessionEvents start(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return start(request, response, DEFAULT_VOUCHER_WAIT);
  }

  /** Like {@link #start(HttpServletRequest, HttpServletResponse)} with another voucher wait. */
  public static SessionEvents start(
      HttpServletRequest request, HttpServletResponse response, Duration voucherWait)
      throws IOException {
    Meter meter =
        Payments.meter(request)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this request is not paid by a session: no meter to charge the stream"));
    Objects.requireNonNull(voucherWait, "voucherWait");
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "private, no-cache, no-transform");
    ServletOutputStream out = response.getOutputStream();
    response.flushBuffer();
    return new SessionEvents(meter, response, out, voucherWait);
  }

  /**
   * Charges {@code units}, then writes {@code data} as a {@code message} event.
   *
   * @return false, writing nothing, when no voucher covering the units arrived in time or a newer
   *     streaming request on the same channel ended this stream; the handler then returns, and
   *     {@link #close} sends the final receipt
   * @throws io.mpp4j.core.PaymentException when the channel can no longer pay (closed)
   */
  public boolean send(String data, long units) throws IOException {
    if (closed) {
      throw new IllegalStateException("the event stream is closed");
    }
    boolean paid =
        meter.charge(
            units,
            voucherWait,
            need -> {
              try {
                write("payment-need-voucher", needJson(need));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    if (!paid) {
      return false;
    }
    write("message", data);
    return true;
  }

  /** Writes the final {@code payment-receipt} event; the handler then returns. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Receipt receipt = meter.receipt();
    write("payment-receipt", PaymentHeaders.receiptJson(receipt));
  }

  private void write(String event, String data) throws IOException {
    StringBuilder text = new StringBuilder(data.length() + 32).append("event: ").append(event);
    for (String line : data.split("\n", -1)) {
      text.append("\ndata: ").append(line);
    }
    text.append("\n\n");
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    response.flushBuffer();
  }

  private static String needJson(Meter.Need need) {
    StringBuilder json = new StringBuilder(192).append("{\"channelId\":");
    Json.appendString(json, need.channelId());
    json.append(",\"requiredCumulative\":");
    Json.appendString(json, need.requiredCumulative());
    json.append(",\"acceptedCumulative\":");
    Json.appendString(json, need.acceptedCumulative());
    json.append(",\"deposit\":");
    Json.appendString(json, need.deposit());
    return json.append('}').toString();
  }
}
