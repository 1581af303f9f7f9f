package io.mpp4j.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.mpp4j.mcp.Wire.call;
import static io.mpp4j.mcp.Wire.challenge;
import static io.mpp4j.mcp.Wire.code;
import static io.mpp4j.mcp.Wire.receipt;
import static io.mpp4j.mcp.Wire.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Secret;
import io.mpp4j.stripe.StripeMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A paid tool charged by card: the Stripe method (its API on WireMock) behind the transport. */
class StripeChargeTest {
  private static final String PAYMENT_INTENTS = "/v1/payment_intents";
  private WireMockServer stripe;
  private McpServerFeatures.SyncToolSpecification fortune;

  @BeforeEach
  void start() {
    stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    stripe.start();
    stripe.stubFor(
        post(urlEqualTo(PAYMENT_INTENTS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"pi_3Mpp4jMcp000001\",\"object\":\"payment_intent\",\"amount\":1,"
                            + "\"amount_received\":1,\"currency\":\"usd\",\"status\":\"succeeded\","
                            + "\"created\":1769688028,\"livemode\":false,\"metadata\":{}}")));
    Mpp mpp =
        Mpp.builder()
            .realm("mcp.example")
            .secret(Secret.of("stripe over mcp test secret, 32+ bytes"))
            .method(
                StripeMethod.builder()
                    .secretKey(Secret.of("sk_test_mpp4jMcpKey00001"))
                    .networkId("profile_test_mpp4j")
                    .paymentMethodTypes("card")
                    .apiBase(stripe.baseUrl())
                    .build())
            .build();
    fortune =
        McpPayments.builder(mpp)
            .build()
            .tool(
                Tool.builder().name("fortune").inputSchema(Map.of("type", "object")).build(),
                McpPayments.Pricing.of("0.01"),
                (exchange, request, paid) ->
                    CallToolResult.builder().addTextContent("paid by card").build());
  }

  @AfterEach
  void stop() {
    stripe.stop();
  }

  @Test
  void paidToolWhenPaidWithSharedPaymentTokenThenChargedOnceWithReceiptAndReplayRefused() {
    Map<String, Object> credential =
        Map.of(
            "challenge",
            challenge(fortune, Map.of()),
            "payload",
            Map.of("spt", "spt_mpp4jMcpToken01"));

    CallToolResult paid = call(fortune, Map.of(), credential);
    int replay = code(refused(fortune, Map.of(), credential));

    assertThat(receipt(paid))
        .containsEntry("method", "stripe")
        .containsEntry("reference", "pi_3Mpp4jMcp000001")
        .containsKey("challengeId");
    assertThat(replay).isEqualTo(-32043);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo(PAYMENT_INTENTS)))).hasSize(1);
  }
}
