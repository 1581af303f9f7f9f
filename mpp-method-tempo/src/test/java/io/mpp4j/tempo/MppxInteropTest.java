package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference client ({@code mppx@0.11.0}, {@code viem@2.55.13}, tempo charge) pays a paid
 * endpoint served by this SDK on a real local Tempo chain, in pull and push mode, with and without
 * fee sponsorship; replaying its credential is refused.
 */
class MppxInteropTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static FortuneServer plain;
  private static FortuneServer sponsored;
  private static FortuneServer free;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startServers() throws IOException {
    plain = new FortuneServer(method().build());
    sponsored =
        new FortuneServer(method().feePayer(Secret.of(CHAIN.sponsor().privateKey())).build());
    free = new FortuneServer(method().build(), "0");
  }

  @AfterAll
  static void stopServers() {
    plain.close();
    sponsored.close();
    free.close();
  }

  private static TempoMethod.Builder method() {
    return TempoMethod.builder()
        .chainId(LocalTempoChain.CHAIN_ID)
        .rpcUrl(CHAIN.rpcUrl())
        .currency(LocalTempoChain.PATH_USD)
        .recipient(CHAIN.merchant().address());
  }

  @Test
  void mppxPullWhenPaidThenReceiptDecodesAndReplayRefused() throws Exception {
    JsonNode result = mppxPay(plain, "pull");

    assertPaid(result);
    assertReplayRefused(plain, result);
    JsonNode receipt = CHAIN.rpc("eth_getTransactionReceipt", reference(result));
    assertThat(receipt.path("status").asText()).isEqualTo("0x1");
  }

  @Test
  void mppxPushWhenPaidThenReceiptDecodesAndReplayRefused() throws Exception {
    JsonNode result = mppxPay(plain, "push");

    assertPaid(result);
    assertThat(
            Json.parseObject(decode(result.path("credential").asText()))
                .path("payload")
                .path("type")
                .asText())
        .isEqualTo("hash");
    assertReplayRefused(plain, result);
  }

  @Test
  void mppxPullWhenServerSponsorsFeesThenSponsorPaysTheFee() throws Exception {
    JsonNode result = mppxPay(sponsored, "pull");

    assertPaid(result);
    assertReplayRefused(sponsored, result);
    JsonNode receipt = CHAIN.rpc("eth_getTransactionReceipt", reference(result));
    List<String> feePayers = new ArrayList<>();
    for (ReceiptCheck.Movement movement : ReceiptCheck.movements(receipt.get("logs"))) {
      if (movement.transfer().recipient().equals(Tip20.FEE_MANAGER)) {
        feePayers.add(movement.from());
      }
    }
    assertThat(feePayers).containsExactly(CHAIN.sponsor().address());
  }

  @Test
  void mppxPushWhenServerSponsorsFeesThenNotPaid() throws Exception {
    JsonNode result = mppxPay(sponsored, "push");

    // the challenge lists supportedModes ["pull"]: mppx refuses to push, nothing is paid
    assertThat(result.path("status").asInt(0)).isNotEqualTo(200);
    assertThat(result.path("error").asText()).contains("push");
  }

  @Test
  void mppxProofWhenZeroAmountThenPaidWithChallengeReference() throws Exception {
    JsonNode result = mppxPay(free, "pull");

    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    JsonNode credential = Json.parseObject(decode(result.path("credential").asText()));
    assertThat(credential.path("payload").path("type").asText()).isEqualTo("proof");
    assertThat(result.path("receipt").path("reference").asText())
        .isEqualTo(credential.path("challenge").path("id").asText());
    assertReplayRefused(free, result);
  }

  private static void assertPaid(JsonNode result) {
    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    JsonNode receipt = result.path("receipt");
    assertThat(receipt.path("method").asText()).isEqualTo("tempo");
    assertThat(receipt.path("status").asText()).isEqualTo("success");
    assertThat(receipt.path("reference").asText()).matches("0x[0-9a-f]{64}");
    assertThat(receipt.path("timestamp").asText()).isNotEmpty();
    assertThat(result.path("body").asText()).contains("fortune");
  }

  private void assertReplayRefused(FortuneServer server, JsonNode result) throws Exception {
    String credential = result.path("credential").asText();
    assertThat(credential).startsWith("Payment ");
    HttpResponse<String> replay =
        http.send(
            HttpRequest.newBuilder(server.url()).header("Authorization", credential).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(replay.body()).contains("invalid-challenge");
  }

  private static String reference(JsonNode result) {
    return result.path("receipt").path("reference").asText();
  }

  private static byte[] decode(String authorization) {
    return io.mpp4j.core.codec.Base64Url.decode(authorization.substring("Payment ".length()));
  }

  private static JsonNode mppxPay(FortuneServer server, String mode) throws Exception {
    return MppxClient.pay(server.url(), CHAIN, CHAIN.freshAccount(), mode);
  }
}
