package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Problem;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The challenge request of a session offer (v1 unless v2 is offered explicitly, whose credentials
 * are then refused), and the session settings' refusals.
 */
class SessionRequestTest {
  private static final String PAYEE_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String PAYEE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String ESCROW = "0x5e55100000000000000000000000000000000001";

  private static TempoMethod.Builder method(TempoSessionSettings.Builder session) {
    return TempoMethod.builder()
        .chainId(31337)
        .rpcUrl("http://127.0.0.1:9")
        .currency(TempoMethod.PATH_USD)
        .session(session.escrow(ESCROW).payeeKey(Secret.of(PAYEE_KEY)).build());
  }

  private static Mpp mpp(TempoMethod method) {
    return Mpp.builder()
        .realm("api.example.com")
        .secret(Secret.of("a-session-request-secret-of-32-bytes"))
        .method(method)
        .build();
  }

  private static ObjectNode request(TempoMethod method, Offer offer) {
    return mpp(method).request(offer).toJson();
  }

  @Test
  void requestWhenSessionOfferThenPricePerUnitAndV1MethodDetails() {
    TempoMethod method = method(TempoSessionSettings.builder()).build();

    ObjectNode json =
        request(
            method, Offer.session(TempoMethod.ID).price("0.0001").unitType("llm_token").build());

    assertThat(json.path("amount").asText()).isEqualTo("100");
    assertThat(json.path("unitType").asText()).isEqualTo("llm_token");
    assertThat(json.path("suggestedDeposit").asText()).isEqualTo("1000000");
    assertThat(json.path("currency").asText()).isEqualTo(TempoMethod.PATH_USD);
    assertThat(json.path("recipient").asText()).isEqualTo(PAYEE);
    ObjectNode details = (ObjectNode) json.path("methodDetails");
    assertThat(details.path("chainId").asLong()).isEqualTo(31337);
    assertThat(details.path("escrowContract").asText()).isEqualTo(ESCROW);
    assertThat(details.path("sessionProtocol").asText()).isEqualTo("v1");
    assertThat(details.has("feePayer")).isFalse();
    assertThat(details.has("minVoucherDelta")).isFalse();
    method.close();
  }

  @Test
  void requestWhenConfiguredThenSuggestedDepositDeltaAndFeePayerAppear() {
    TempoMethod method =
        method(TempoSessionSettings.builder().suggestedDeposit("5.00").minVoucherDelta(250))
            .feePayer(
                Secret.of("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"))
            .build();

    ObjectNode json = request(method, Offer.session(TempoMethod.ID).price("0.01").build());
    ObjectNode offered =
        request(
            method, Offer.session(TempoMethod.ID).price("0.01").suggestedDeposit("2.50").build());

    assertThat(json.path("suggestedDeposit").asText()).isEqualTo("5000000");
    assertThat(json.path("methodDetails").path("minVoucherDelta").asText()).isEqualTo("250");
    assertThat(json.path("methodDetails").path("feePayer").asBoolean()).isTrue();
    assertThat(offered.path("suggestedDeposit").asText()).isEqualTo("2500000");
    method.close();
  }

  @Test
  void requestWhenV2OfferedExplicitlyThenV2OnThePrecompileWithOperatorAndItsCredentialsRefused() {
    TempoMethod method =
        TempoMethod.builder()
            .chainId(31337)
            .rpcUrl("http://127.0.0.1:9")
            .currency(TempoMethod.PATH_USD)
            .session(
                TempoSessionSettings.builder()
                    .payeeKey(Secret.of(PAYEE_KEY))
                    .offerProtocolV2("0x1111111111111111111111111111111111111111")
                    .build())
            .build();
    Mpp mpp = mpp(method);
    List<Offer> offers = List.of(Offer.session(TempoMethod.ID).price("0.001").build());
    Decision issued = mpp.decide(SessionHarness.exchange("GET", null), offers);
    Challenge challenge = ((Decision.PaymentRequired) issued).challenges().get(0);
    ObjectNode voucher = Json.object();
    voucher.put("action", "voucher");
    voucher.put("channelId", "0x" + "ab".repeat(32));
    voucher.put("cumulativeAmount", "1000");
    voucher.put("signature", "0x" + "11".repeat(64) + "1b");

    Decision answered =
        mpp.decide(
            SessionHarness.exchange(
                "GET", PaymentHeaders.formatCredential(new Credential(challenge, voucher, null))),
            offers);
    method.close();

    ObjectNode details = (ObjectNode) mpp.request(offers.get(0)).toJson().path("methodDetails");
    assertThat(details.path("sessionProtocol").asText()).isEqualTo("v2");
    assertThat(details.path("escrowContract").asText())
        .isEqualTo("0x4d50500000000000000000000000000000000000");
    assertThat(details.path("operator").asText())
        .isEqualTo("0x1111111111111111111111111111111111111111");
    assertThat(answered).isInstanceOf(Decision.PaymentRequired.class);
    Problem problem = ((Decision.PaymentRequired) answered).problem();
    assertThat(problem.type()).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(problem.detail()).contains("does not verify session protocol v2");
  }

  @Test
  void buildWhenRecipientIsNotThePayeeOrKeyMissingThenRefused() {
    assertThatThrownBy(
            () ->
                method(TempoSessionSettings.builder())
                    .recipient("0x742d35cc6634c0532925a3b844bc9e7595f8fe00")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payee");
    assertThatThrownBy(() -> TempoSessionSettings.builder().escrow(ESCROW).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payeeKey");
    assertThatThrownBy(
            () ->
                TempoMethod.builder()
                    .chainId(31337)
                    .rpcUrl("http://127.0.0.1:9")
                    .currency(TempoMethod.PATH_USD)
                    .session(TempoSessionSettings.builder().payeeKey(Secret.of(PAYEE_KEY)).build())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("escrow");
  }

  @Test
  void settingsWhenPrintedThenNoKeyMaterial() {
    TempoSessionSettings settings =
        TempoSessionSettings.builder().escrow(ESCROW).payeeKey(Secret.of(PAYEE_KEY)).build();

    assertThat(settings.toString()).contains(PAYEE).doesNotContain(PAYEE_KEY.substring(2, 20));
    assertThat(settings.payeeAddress()).isEqualTo(PAYEE);
  }
}
