package io.mpp4j.mcp;

import static io.mpp4j.mcp.Wire.call;
import static io.mpp4j.mcp.Wire.challenge;
import static io.mpp4j.mcp.Wire.challenges;
import static io.mpp4j.mcp.Wire.code;
import static io.mpp4j.mcp.Wire.pay;
import static io.mpp4j.mcp.Wire.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Payment;
import io.mpp4j.core.Secret;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Tools, resources and prompts through the settlement lifecycle, sync and async. */
class PaidOperationsTest {
  private static final Tool FORTUNE =
      Tool.builder().name("fortune").inputSchema(Map.of("type", "object")).build();

  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final Mpp mpp =
      Mpp.builder()
          .realm("mcp.example")
          .secret(Secret.of("paid operations test secret, 32+ bytes"))
          .method(fake)
          .method(ScriptedMethod.acknowledging())
          .method(ScriptedMethod.metered())
          .listener(events::add)
          .build();
  private final McpPayments payments = McpPayments.builder(mpp).defaultMethods("fake").build();

  @Test
  void paidToolWhenPaidThenHandlerGetsPaymentWithoutCredentialAndResultCarriesReceipt() {
    AtomicReference<CallToolRequest> seen = new AtomicReference<>();
    AtomicReference<Payment> paidWith = new AtomicReference<>();
    McpServerFeatures.SyncToolSpecification fortune =
        payments.tool(
            FORTUNE,
            McpPayments.Pricing.of("0.01"),
            (exchange, request, paid) -> {
              seen.set(request);
              paidWith.set(paid.payment());
              return CallToolResult.builder()
                  .addTextContent("luck")
                  .meta(Map.of("tool/own", "kept"))
                  .build();
            });
    Map<String, Object> offered = challenge(fortune, Map.of());

    CallToolResult result =
        fortune
            .callHandler()
            .apply(
                null,
                new CallToolRequest(
                    "fortune",
                    Map.of(),
                    Map.of(
                        McpPayments.CREDENTIAL_META,
                        pay(offered, "tok-ok"),
                        "progressToken",
                        "p-1")));

    assertThat(seen.get().meta()).containsOnlyKeys("progressToken");
    assertThat(paidWith.get().amount()).isEqualTo(BigInteger.ONE);
    assertThat(paidWith.get().challengeId()).isEqualTo(offered.get("id"));
    assertThat(paidWith.get().payer()).contains("did:example:payer");
    assertThat(result.content()).hasSize(1);
    assertThat(result.meta()).containsEntry("tool/own", "kept");
    assertThat(receipt(result))
        .containsEntry("status", "success")
        .containsEntry("method", "fake")
        .containsEntry("reference", "fake_tok-ok")
        .containsEntry("challengeId", offered.get("id"))
        .containsKey("timestamp");
  }

  @Test
  void paidToolWhenHandlerThrowsThenErrorPropagatesAndHandlerFailureIsReported() throws Exception {
    McpServerFeatures.SyncToolSpecification broken =
        payments.tool(
            FORTUNE,
            McpPayments.Pricing.of("0.01"),
            (exchange, request, paid) -> {
              throw new IllegalStateException("tool bug");
            });
    Map<String, Object> offered = challenge(broken, Map.of());

    assertThatThrownBy(() -> call(broken, Map.of(), pay(offered, "tok-broken")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("tool bug");

    Wire.await(() -> handlerFailures().size() == 1);
    assertThat(handlerFailures().get(0).challengeId()).isEqualTo(offered.get("id"));
    assertThat(handlerFailures().get(0).failure()).isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void paidToolWhenResultIsErrorThenReceiptSentAndHandlerFailureReported() throws Exception {
    McpServerFeatures.SyncToolSpecification failing =
        payments.tool(
            FORTUNE,
            McpPayments.Pricing.of("0.01"),
            (exchange, request, paid) ->
                CallToolResult.builder().addTextContent("no luck").isError(true).build());

    CallToolResult result =
        call(failing, Map.of(), pay(challenge(failing, Map.of()), "tok-is-error"));

    assertThat(result.isError()).isTrue();
    assertThat(receipt(result)).containsEntry("reference", "fake_tok-is-error");
    Wire.await(() -> handlerFailures().size() == 1);
    assertThat(handlerFailures().get(0).failure()).isEqualTo("HTTP 500");
  }

  @Test
  void paidResourceWhenReadThenBoundToItsUriAndServedWithReceipt() {
    McpSchema.ResourceTemplate template =
        McpSchema.ResourceTemplate.builder()
            .uriTemplate("data://report/{id}")
            .name("report")
            .build();
    McpServerFeatures.SyncResourceTemplateSpecification reports =
        payments.resourceTemplate(
            template,
            McpPayments.Pricing.of("0.50"),
            (exchange, request, paid) ->
                new ReadResourceResult(
                    List.of(
                        new McpSchema.TextResourceContents(request.uri(), "text/plain", "report")),
                    null));
    McpError unpaid =
        catchThrowableOfType(
            McpError.class,
            () ->
                reports
                    .readHandler()
                    .apply(null, new ReadResourceRequest("data://report/1", null)));
    Map<String, Object> credential = pay(challenges(unpaid).get(0), "tok-report");

    McpError otherUri =
        catchThrowableOfType(
            McpError.class,
            () ->
                reports
                    .readHandler()
                    .apply(null, new ReadResourceRequest("data://report/2", meta(credential))));
    ReadResourceResult read =
        reports
            .readHandler()
            .apply(null, new ReadResourceRequest("data://report/1", meta(credential)));

    assertThat(code(unpaid)).isEqualTo(-32042);
    assertThat(code(otherUri)).isEqualTo(-32043);
    assertThat(read.contents()).hasSize(1);
    assertThat(read.meta()).containsKey(McpPayments.RECEIPT_META);
  }

  @Test
  void paidPromptWhenGotThenBoundToItsArgumentsAndServedWithReceipt() {
    McpServerFeatures.SyncPromptSpecification advice =
        payments.prompt(
            new McpSchema.Prompt("advice", "Paid advice", List.of()),
            McpPayments.Pricing.of("0.02"),
            (exchange, request, paid) ->
                new GetPromptResult(
                    "advice",
                    List.of(
                        new McpSchema.PromptMessage(
                            McpSchema.Role.USER, new McpSchema.TextContent("be kind"))),
                    null));
    McpError unpaid =
        catchThrowableOfType(
            McpError.class,
            () ->
                advice
                    .promptHandler()
                    .apply(null, new GetPromptRequest("advice", Map.of("on", "money"), null)));
    Map<String, Object> credential = pay(challenges(unpaid).get(0), "tok-advice");

    McpError otherArguments =
        catchThrowableOfType(
            McpError.class,
            () ->
                advice
                    .promptHandler()
                    .apply(
                        null,
                        new GetPromptRequest("advice", Map.of("on", "love"), meta(credential))));
    GetPromptResult got =
        advice
            .promptHandler()
            .apply(null, new GetPromptRequest("advice", Map.of("on", "money"), meta(credential)));

    assertThat(code(unpaid)).isEqualTo(-32042);
    assertThat(code(otherArguments)).isEqualTo(-32043);
    assertThat(got.messages()).hasSize(1);
    assertThat(got.meta()).containsKey(McpPayments.RECEIPT_META);
  }

  @Test
  void asyncToolWhenPaidThenReceiptAndWhenHandlerFailsThenReported() throws Exception {
    McpServerFeatures.AsyncToolSpecification fine =
        payments.asyncTool(
            FORTUNE,
            McpPayments.Pricing.of("0.01"),
            (exchange, request, paid) ->
                Mono.just(CallToolResult.builder().addTextContent("async luck").build()));
    McpServerFeatures.AsyncToolSpecification failing =
        payments.asyncTool(
            FORTUNE,
            McpPayments.Pricing.of("0.01"),
            (exchange, request, paid) -> Mono.error(new IllegalStateException("async bug")));
    McpError unpaid =
        catchThrowableOfType(
            McpError.class,
            () -> fine.callHandler().apply(null, new CallToolRequest("fortune", Map.of())).block());

    CallToolResult result =
        fine.callHandler()
            .apply(
                null,
                new CallToolRequest(
                    "fortune", Map.of(), meta(pay(challenges(unpaid).get(0), "tok-async"))))
            .block();
    Map<String, Object> second =
        challenges(
                catchThrowableOfType(
                    McpError.class,
                    () ->
                        failing
                            .callHandler()
                            .apply(null, new CallToolRequest("fortune", Map.of()))
                            .block()))
            .get(0);

    assertThat(code(unpaid)).isEqualTo(-32042);
    assertThat(receipt(result)).containsEntry("reference", "fake_tok-async");
    assertThatThrownBy(
            () ->
                failing
                    .callHandler()
                    .apply(
                        null,
                        new CallToolRequest("fortune", Map.of(), meta(pay(second, "tok-async-2"))))
                    .block())
        .hasMessageContaining("async bug");
    Wire.await(() -> handlerFailures().size() == 1);
  }

  @Test
  void managementActionWhenAcknowledgedThenEmptyResultWithReceiptAndHandlerNotRun() {
    AtomicInteger runs = new AtomicInteger();
    McpServerFeatures.SyncToolSpecification session =
        payments.tool(
            FORTUNE,
            McpPayments.Pricing.offers(Offer.of("acker", "ack").price("0.01").build()),
            (exchange, request, paid) -> {
              runs.incrementAndGet();
              return CallToolResult.builder().addTextContent("served").build();
            });
    Map<String, Object> offered = challenge(session, Map.of());

    CallToolResult result = call(session, Map.of(), pay(offered, "voucher"));

    assertThat(runs).hasValue(0);
    assertThat(result.content()).isEmpty();
    assertThat(receipt(result))
        .containsEntry("method", "acker")
        .containsEntry("reference", "ack_voucher")
        .containsEntry("challengeId", offered.get("id"));
  }

  @Test
  void meteredIntentWhenHandlerRecordsUsageThenChargedAfterItAndFinalReceiptSent() {
    McpServerFeatures.SyncToolSpecification tokens =
        payments.tool(
            FORTUNE,
            McpPayments.Pricing.offers(Offer.of("meterer", "metered").price("0.001").build()),
            (exchange, request, paid) -> {
              paid.recordUsage(5);
              paid.recordUsage(2);
              return CallToolResult.builder().addTextContent("seven tokens").build();
            });

    CallToolResult result = call(tokens, Map.of(), pay(challenge(tokens, Map.of()), "channel"));

    assertThat(receipt(result))
        .containsEntry("method", "meterer")
        .containsEntry("reference", "meter_channel")
        .containsEntry("units", 7L);
  }

  @Test
  void capabilitiesWhenBuiltThenAdvertiseEveryMethodWithItsIntentsUnderExperimentalPayment() {
    McpSchema.ServerCapabilities capabilities =
        payments.capabilities(
            McpSchema.ServerCapabilities.builder()
                .tools(true)
                .experimental(Map.of("other", Map.of()))
                .build());

    assertThat(capabilities.tools()).isNotNull();
    assertThat(capabilities.experimental())
        .containsEntry("other", Map.of())
        .containsEntry(
            "payment",
            Map.of(
                "methods",
                Map.of(
                    "fake", Map.of("intents", List.of("charge")),
                    "acker", Map.of("intents", List.of("ack")),
                    "meterer", Map.of("intents", List.of("metered")))));
  }

  @Test
  void pricingWhenNamingAnUnregisteredMethodThenRefusedWhenDeclared() {
    assertThatThrownBy(
            () ->
                payments.tool(
                    FORTUNE,
                    McpPayments.Pricing.of("0.01").methods("stripe"),
                    (exchange, request, paid) -> CallToolResult.builder().build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> McpPayments.builder(mpp).defaultMethods("tempo").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<PaymentEvent.HandlerFailed> handlerFailures() {
    return events.stream()
        .filter(PaymentEvent.HandlerFailed.class::isInstance)
        .map(PaymentEvent.HandlerFailed.class::cast)
        .toList();
  }

  private static Map<String, Object> meta(Object credential) {
    return Map.of(McpPayments.CREDENTIAL_META, credential);
  }
}
