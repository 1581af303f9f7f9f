package io.mpp4j.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.store.MemoryStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PaymentIntent request stripe-java sends and how each Stripe answer is mapped
 * (draft-stripe-charge-00 §Settlement Procedure), against WireMock serving Stripe's JSON.
 */
class StripeWireMockTest {
  private static final String PATH = "/v1/payment_intents";
  private static final String SUCCEEDED_ID = "pi_3QxMpp4jTest0001Abcdefgh";

  @RegisterExtension
  static WireMockExtension stripe =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MemoryStore store = new MemoryStore();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(StripeMethod.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logs.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    logger.addHandler(capture);
  }

  @AfterEach
  void neverLogSecrets() {
    logger.removeHandler(capture);
    assertThat(logs).noneMatch(line -> line.contains(Fixtures.SECRET_KEY));
    assertThat(logs).noneMatch(line -> line.contains(Fixtures.SPT));
    assertThat(logs).noneMatch(line -> line.contains("Your card was declined"));
  }

  private StripeMethod.Builder method() {
    return Fixtures.method()
        .metadata("plan", "pro")
        .apiBase(stripe.baseUrl())
        .readTimeout(Duration.ofSeconds(10));
  }

  private static void answer(ResponseDefinitionBuilder response) {
    stripe.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder stripeJson(int status, String resource) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_Mpp4j" + status + resource.length())
        .withHeader("Stripe-Version", StripeMethod.DEFAULT_STRIPE_VERSION)
        .withBody(Fixtures.resource(resource));
  }

  private Receipt pay(StripeMethod method, Credential credential, ChargeRequest request) {
    return Fixtures.verify(method, credential, Fixtures.context(request, store));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = stripe.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void verifyWhenPaymentIntentSucceededThenReceiptAndExactStripeRequest() {
    answer(stripeJson(200, "payment_intent_succeeded.json"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, "order-42");
    Credential credential =
        Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, "order-42"));

    Receipt receipt = pay(method, credential, request);

    assertThat(receipt.reference()).isEqualTo(SUCCEEDED_ID);
    assertThat(receipt.timestamp()).isEqualTo(Fixtures.NOW);
    assertThat(receipt.extra()).containsExactly(Map.entry("externalId", "order-42"));
    LoggedRequest sent = onlyRequest();
    String challengeId = credential.challenge().id();
    assertThat(Fixtures.form(sent.getBodyAsString()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "amount", "2500",
                "currency", "usd",
                "confirm", "true",
                "automatic_payment_methods[enabled]", "true",
                "automatic_payment_methods[allow_redirects]", "never",
                "shared_payment_granted_token", Fixtures.SPT,
                "metadata[plan]", "pro",
                "metadata[mpp_challenge_id]", challengeId,
                "metadata[mpp_intent]", "charge",
                "metadata[mpp_server_id]", Fixtures.REALM));
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.SECRET_KEY);
    assertThat(sent.getHeader("Idempotency-Key"))
        .isEqualTo("mpp_" + challengeId + "_" + Fixtures.SPT);
    assertThat(sent.getHeader("Stripe-Version")).isEqualTo(StripeMethod.DEFAULT_STRIPE_VERSION);
    assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(sent.containsHeader("Stripe-Account")).isFalse();
  }

  @Test
  void verifyWhenDestinationChargeConfiguredThenConnectParametersSent() {
    answer(stripeJson(200, "payment_intent_succeeded.json"));
    StripeMethod method =
        method()
            .onBehalfOf("acct_1Seller0001")
            .transferDestination("acct_1Seller0001")
            .transferAmount(2200)
            .transferGroup("order-group-7")
            .stripeVersion("2025-11-17.clover")
            .build();
    ChargeRequest request = Fixtures.request(method, null);

    pay(method, Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)), request);

    LoggedRequest sent = onlyRequest();
    assertThat(Fixtures.form(sent.getBodyAsString()))
        .containsEntry("on_behalf_of", "acct_1Seller0001")
        .containsEntry("transfer_data[destination]", "acct_1Seller0001")
        .containsEntry("transfer_data[amount]", "2200")
        .containsEntry("transfer_group", "order-group-7")
        .doesNotContainKey("application_fee_amount");
    assertThat(sent.getHeader("Stripe-Version")).isEqualTo("2025-11-17.clover");
    assertThat(sent.containsHeader("Stripe-Account")).isFalse();
  }

  @Test
  void verifyWhenDirectChargeConfiguredThenStripeAccountHeaderAndFee() {
    answer(stripeJson(200, "payment_intent_succeeded.json"));
    StripeMethod method =
        method().stripeAccount("acct_1Direct0001").applicationFeeAmount(125).build();
    ChargeRequest request = Fixtures.request(method, null);

    pay(method, Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)), request);

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getHeader("Stripe-Account")).isEqualTo("acct_1Direct0001");
    assertThat(Fixtures.form(sent.getBodyAsString()))
        .containsEntry("application_fee_amount", "125")
        .doesNotContainKeys("on_behalf_of", "transfer_data[destination]");
  }

  @Test
  void verifyWhenRequiresActionThenPaymentActionRequired() {
    answer(stripeJson(200, "payment_intent_requires_action.json"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);
    Credential credential = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    assertThatThrownBy(() -> pay(method, credential, request))
        .isInstanceOf(PaymentExceptions.PaymentActionRequired.class);
  }

  @Test
  void verifyWhenCardDeclinedThenVerificationFailedWithoutStripeTextAndTokenStaysUsed() {
    answer(stripeJson(402, "error_card_declined.json"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);

    assertThatThrownBy(
            () ->
                pay(
                    method,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOfSatisfying(
            PaymentExceptions.VerificationFailed.class,
            e ->
                assertThat(e.detail())
                    .doesNotContain("Your card", "generic_decline", "req_", "ch_", "pi_"));
    assertThatThrownBy(
            () ->
                pay(
                    method,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining("already been used");
    onlyRequest();
    assertThat(logs).anyMatch(line -> line.contains("card_declined") && line.contains("spt_1QxM"));
  }

  @Test
  void verifyWhenResponseIsAnIdempotentReplayThenVerificationFailed() {
    answer(
        stripeJson(200, "payment_intent_succeeded.json")
            .withHeader(StripeJavaGateway.REPLAYED_HEADER, "true"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);
    Credential credential = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    assertThatThrownBy(() -> pay(method, credential, request))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining("already submitted");
  }

  @Test
  void verifyWhenStripeFailsWith500ThenVerificationFailedOnceWithoutRetryOrLeak() {
    answer(stripeJson(500, "error_api.json"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);
    Credential credential = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    assertThatThrownBy(() -> pay(method, credential, request))
        .isInstanceOfSatisfying(
            PaymentExceptions.VerificationFailed.class,
            e -> assertThat(e.detail()).doesNotContain("unknown error", "7f3a", "req_"));
    onlyRequest();
  }

  @Test
  void verifyWhenStripeTimesOutThenServiceUnavailableAndTokenStaysClaimed() {
    answer(stripeJson(200, "payment_intent_succeeded.json").withFixedDelay(2000));
    StripeMethod method = method().readTimeout(Duration.ofMillis(300)).build();
    ChargeRequest request = Fixtures.request(method, null);
    Credential first = Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null));

    assertThatThrownBy(() -> pay(method, first, request))
        .isInstanceOfSatisfying(
            PaymentExceptions.ServiceUnavailable.class,
            e -> {
              assertThat(e.isOutcomeUnknown()).isTrue();
              assertThat(e.detail()).contains("retry with the same credential");
            });
    assertThatThrownBy(
            () ->
                pay(
                    method,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    onlyRequest();
    assertThat(logs).anyMatch(line -> line.contains("mpp_challenge_id=" + first.challenge().id()));
  }

  @Test
  void verifyWhenSuccessAnswerIsUnreadableThenServiceUnavailableAndTokenStaysClaimed() {
    answer(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("<html>gateway</html>"));
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);

    assertThatThrownBy(
            () ->
                pay(
                    method,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOf(PaymentExceptions.ServiceUnavailable.class);
    assertThatThrownBy(
            () ->
                pay(
                    method,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining("already been used");
    onlyRequest();
  }

  @Test
  void verifyWhenStripeUnreachableThenServiceUnavailableAndTokenReleased() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StripeMethod unreachable = method().apiBase("http://127.0.0.1:" + closedPort).build();
    ChargeRequest request = Fixtures.request(unreachable, null);

    assertThatThrownBy(
            () ->
                pay(
                    unreachable,
                    Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
                    request))
        .isInstanceOf(PaymentExceptions.ServiceUnavailable.class);

    answer(stripeJson(200, "payment_intent_succeeded.json"));
    Receipt receipt =
        pay(
            method().build(),
            Fixtures.credential(request, Fixtures.payload(Fixtures.SPT, null)),
            request);
    assertThat(receipt.reference()).isEqualTo(SUCCEEDED_ID);
  }

  @Test
  void verifyManyTimesThenOneStripeClientIsReused() {
    answer(stripeJson(200, "payment_intent_succeeded.json"));
    int before = StripeJavaGateway.CLIENTS_BUILT.get();
    StripeMethod method = method().build();
    ChargeRequest request = Fixtures.request(method, null);

    for (String spt : List.of("spt_reuse0001", "spt_reuse0002", "spt_reuse0003")) {
      pay(method, Fixtures.credential(request, Fixtures.payload(spt, null)), request);
    }

    assertThat(stripe.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
    assertThat(StripeJavaGateway.CLIENTS_BUILT.get() - before).isEqualTo(1);
  }
}
