package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Meter;
import io.mpp4j.core.Metering;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.SessionRequest;
import io.mpp4j.core.Usage;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.StubSession;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionEvents} writes {@code message} events only for charged units, a {@code
 * payment-need-voucher} event when the meter pauses, and a final {@code payment-receipt} event.
 */
class SessionEventsTest {
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final Map<String, String> headers = new HashMap<>();

  /** A meter that pays the first unit, pauses once for a voucher that arrives, then runs dry. */
  static final class ScriptedMeter implements Meter, Metering {
    private int calls;
    private long charged;

    @Override
    public boolean charge(long units, Duration maxWait, NeedListener onNeed) {
      calls++;
      if (calls == 2) {
        onNeed.needVoucher(new Need("0xchannel", "2000", "1000", "50000"));
      }
      if (calls >= 3) {
        return false;
      }
      charged += units;
      return true;
    }

    @Override
    public Receipt receipt() {
      return new Receipt("fake", "0xchannel", Instant.EPOCH).with("units", charged);
    }

    @Override
    public Receipt complete(Usage usage) {
      return receipt();
    }

    @Override
    public void abort(Throwable cause) {}

    @Override
    public java.util.Optional<Meter> meter() {
      return java.util.Optional.of(this);
    }
  }

  /**
   * A session method whose every credential is a paid request metered by a {@link ScriptedMeter}.
   */
  static final class MeteredSessions extends StubSession {
    MeteredSessions() {
      super("metered");
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<SessionRequest> context) {
      return Verified.metered(
          new Receipt("metered", "0xchannel", context.now()), new ScriptedMeter());
    }
  }

  private HttpServletRequest paidRequest() {
    Mpp mpp =
        Mpp.builder()
            .realm("api.example.com")
            .secret(Secret.of("a-servlet-test-secret-of-32-bytes-min"))
            .method(new MeteredSessions())
            .build();
    List<Offer> offers = List.of(Offer.session("metered").price("0.01").build());
    var challenge =
        ((Decision.PaymentRequired)
                mpp.decide(
                    HttpExchanges.of("GET", "/s", null, n -> null, new byte[0]).build(), offers))
            .challenges()
            .get(0);
    String credential =
        PaymentHeaders.formatCredential(new Credential(challenge, Json.object(), null));
    Decision.Paid paid =
        (Decision.Paid)
            mpp.decide(
                HttpExchanges.of(
                        "GET",
                        "/s",
                        null,
                        n -> n.equalsIgnoreCase("Authorization") ? List.of(credential) : null,
                        new byte[0])
                    .build(),
                offers);
    Map<String, Object> attributes = new HashMap<>();
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getAttribute" -> attributes.get((String) args[0]);
                      case "setAttribute" -> attributes.put((String) args[0], args[1]);
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    Payments.attach(request, paid.settlement());
    return request;
  }

  private HttpServletResponse response() {
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        };
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getOutputStream" -> out;
                  case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                  case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                  case "setStatus", "setCharacterEncoding", "flushBuffer" -> null;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void sendWhenMeterPausesThenNeedVoucherEventAndFinalReceiptEvent() throws Exception {
    SessionEvents events = SessionEvents.start(paidRequest(), response());

    assertThat(events.send("first", 1)).isTrue();
    assertThat(events.send("second\nline", 1)).isTrue();
    assertThat(events.send("third", 1)).isFalse();
    events.close();

    assertThat(headers).containsEntry("Content-Type", "text/event-stream");
    assertThat(body.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "event: message\ndata: first\n\n"
                + "event: payment-need-voucher\ndata: {\"channelId\":\"0xchannel\","
                + "\"requiredCumulative\":\"2000\",\"acceptedCumulative\":\"1000\","
                + "\"deposit\":\"50000\"}\n\n"
                + "event: message\ndata: second\ndata: line\n\n"
                + "event: payment-receipt\ndata: {\"method\":\"fake\",\"reference\":\"0xchannel\","
                + "\"status\":\"success\",\"timestamp\":\"1970-01-01T00:00:00.000Z\",\"units\":2}\n\n");
    assertThatThrownBy(() -> events.send("late", 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startWhenRequestNotMeteredThenRefused() {
    HttpServletRequest unpaid =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> null);

    assertThatThrownBy(() -> SessionEvents.start(unpaid, response()))
        .isInstanceOf(IllegalStateException.class);
  }
}
