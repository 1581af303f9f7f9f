package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.evm.EvmClients;
import io.mpp4j.evm.LocalEvmChain;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example server configured by its {@code MPP_EVM_*} settings alone (no Tempo): {@code
 * /api/fortune} offers {@code evm} with x402 beside it, and the official x402 client and mppx's evm
 * client each pay it once on a local chain with Circle's USDC; configured beside Tempo, it offers
 * both challenges and x402 clients still pay the EVM requirement alone.
 */
class EvmExampleTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();

  private static ExampleServer server;
  private static LocalEvmChain.Account merchant;

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MPP_EVM_RPC_URL", CHAIN.rpcUrl().toString());
    env.put("MPP_EVM_CHAIN_ID", Long.toString(LocalEvmChain.CHAIN_ID));
    env.put("MPP_EVM_CURRENCY", CHAIN.token());
    env.put("MPP_EVM_TOKEN_NAME", LocalEvmChain.TOKEN_NAME);
    env.put("MPP_EVM_TOKEN_VERSION", LocalEvmChain.TOKEN_VERSION);
    env.put("MPP_EVM_DECIMALS", "6");
    env.put("MPP_EVM_RECIPIENT", merchant.address());
    env.put("MPP_EVM_SETTLEMENT_KEY", CHAIN.settler().privateKey());
    return env;
  }

  @BeforeAll
  static void start() throws Exception {
    merchant = CHAIN.randomAccount();
    server =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("evm example test secret of 32+ bytes"), true, false),
            ExampleMethods.fromEnvironment(env()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void fortuneWhenEvmConfiguredThenEvmChallengeAndX402RequirementOffered() throws Exception {
    HttpResponse<String> unpaid = Http.get(server, "/api/fortune", null);

    assertThat(unpaid.statusCode()).isEqualTo(402);
    assertThat(PaymentHeaders.parseChallenges(unpaid.headers().allValues("WWW-Authenticate")))
        .extracting(c -> c.method())
        .containsExactly("evm");
    assertThat(unpaid.headers().firstValue("PAYMENT-REQUIRED")).isPresent();
  }

  @Test
  void fortuneWhenPaidByX402AndByMppxThenEachSettlesThePrice() throws Exception {
    BigInteger before = CHAIN.balance(merchant.address());

    JsonNode x402 = EvmClients.x402(server.uri("/api/fortune"), CHAIN.payer(10_000), null);
    JsonNode mppx = EvmClients.mppx(server.uri("/api/fortune"), CHAIN.payer(10_000));

    assertThat(x402.path("status").asInt()).as(x402.toString()).isEqualTo(200);
    assertThat(x402.path("body").asText()).contains("fortune");
    assertThat(x402.path("paymentResponse").path("success").asBoolean()).isTrue();
    assertThat(mppx.path("status").asInt()).as(mppx.toString()).isEqualTo(200);
    assertThat(mppx.path("receipt").path("method").asText()).isEqualTo("evm");
    assertThat(CHAIN.balance(merchant.address()).subtract(before))
        .isEqualTo(BigInteger.valueOf(20_000));
  }

  @Test
  void environmentWhenEvmRecipientWithoutTheRestThenNamesTheMissingSetting() {
    Map<String, String> env = env();
    env.remove("MPP_EVM_SETTLEMENT_KEY");
    assertThatThrownBy(() -> ExampleMethods.fromEnvironment(env))
        .hasMessageContaining("MPP_EVM_SETTLEMENT_KEY");
  }

  @Test
  void fortuneWhenTempoConfiguredBesideEvmThenBothOfferedAndX402StillPays() throws Exception {
    Map<String, String> env = env();
    env.put("MPP_TEMPO_RECIPIENT", CHAIN.randomAccount().address());
    BigInteger before = CHAIN.balance(merchant.address());
    try (ExampleServer both =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("evm and tempo example secret, 32+ bytes"), true, false),
            ExampleMethods.fromEnvironment(env))) {
      HttpResponse<String> unpaid = Http.get(both, "/api/fortune", null);
      JsonNode required =
          new ObjectMapper()
              .readTree(
                  Base64.getDecoder()
                      .decode(unpaid.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()));
      JsonNode x402 = EvmClients.x402(both.uri("/api/fortune"), CHAIN.payer(10_000), null);

      assertThat(unpaid.statusCode()).isEqualTo(402);
      assertThat(PaymentHeaders.parseChallenges(unpaid.headers().allValues("WWW-Authenticate")))
          .extracting(c -> c.method())
          .containsExactlyInAnyOrder("tempo", "evm");
      assertThat(required.path("accepts")).hasSize(1);
      assertThat(required.path("accepts").get(0).path("payTo").asText())
          .isEqualToIgnoringCase(merchant.address());
      assertThat(x402.path("status").asInt()).as(x402.toString()).isEqualTo(200);
      assertThat(CHAIN.balance(merchant.address()).subtract(before))
          .isEqualTo(BigInteger.valueOf(10_000));
    }
  }
}
