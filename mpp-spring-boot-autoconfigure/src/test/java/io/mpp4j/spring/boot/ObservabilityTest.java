package io.mpp4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Metrics, health and logs of a paid application, in the shared context. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends PaidAppTest {
  @Autowired MeterRegistry registry;

  @Test
  void metricsWhenAPaymentSettlesThenCountersAndTimerMove(CapturedOutput output) throws Exception {
    double settled = count("mpp.payments.settled");
    double issued = count("mpp.challenges.issued");
    HttpResponse<String> challenge = get("/api/items/3", null);

    String credential =
        FakePaymentMethod.payHeaders(
            challenge.headers().allValues("WWW-Authenticate"),
            "fake",
            UUID.randomUUID().toString());
    HttpResponse<String> paid = get("/api/items/3", credential);

    assertThat(paid.statusCode()).isEqualTo(200);
    await(() -> count("mpp.payments.settled") >= settled + 1);
    assertThat(count("mpp.challenges.issued")).isGreaterThanOrEqualTo(issued + 1);
    assertThat(registry.get("mpp.payments.settled").tags("method", "fake").counter().count())
        .isPositive();
    assertThat(registry.get("mpp.payments.amount").tags("currency", "usd").counter().count())
        .isGreaterThanOrEqualTo(2);
    assertThat(registry.get("mpp.payments.verification").timer().count()).isPositive();
    // the engine's System.Logger line reaches Logback through the JUL bridge Spring Boot installs
    await(() -> output.getOut().contains("payment settled: fake/charge 2 usd"));
    assertThat(output.getOut())
        .contains("io.mpp4j.payments")
        .doesNotContain(credential.substring("Payment ".length()));
  }

  @Test
  void metricsWhenACredentialIsRefusedThenCountedByProblemType() throws Exception {
    double refused = count("mpp.payments.refused");

    get("/api/fortune", "Payment not-a-credential");

    await(() -> count("mpp.payments.refused") >= refused + 1);
    assertThat(
            registry.find("mpp.payments.refused").tag("problem", "malformed-credential").counters())
        .isNotEmpty();
  }

  @Test
  void healthWhenRedisIsStoppedThenDownAndBackUpWhenItReturns() throws Exception {
    JsonNode up = health();
    assertThat(up.at("/components/mppStore/status").asText()).isEqualTo("UP");
    assertThat(up.at("/components/mppTempo/status").asText()).isEqualTo("UP");
    assertThat(up.at("/components/mppTempo/details").toString()).doesNotContain("http");

    SharedServices.REDIS.stop();
    try {
      HttpResponse<String> down = get("/actuator/health", null);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(json(down).at("/components/mppStore/status").asText()).isEqualTo("DOWN");
      assertThat(json(down).at("/components/mppStore/details/store").asText())
          .isEqualTo("RedisStore");
      assertThat(get("/api/items/4", pay()).statusCode()).isEqualTo(503);
    } finally {
      SharedServices.REDIS.start();
    }
    await(() -> health().at("/components/mppStore/status").asText().equals("UP"));
  }

  private String pay() throws Exception {
    return FakePaymentMethod.payHeaders(
        get("/api/items/4", null).headers().allValues("WWW-Authenticate"),
        "fake",
        UUID.randomUUID().toString());
  }

  private JsonNode health() throws Exception {
    return json(get("/actuator/health", null));
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in time");
      }
      Thread.sleep(20);
    }
  }
}
