package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import org.junit.jupiter.api.Test;

/** The method without a chain: challenge requests, configuration and the x402 mapping. */
class EvmMethodTest {
  private static final String TOKEN = "0x036cbd53842c5426634e7929541ec2318f3dcf7e";
  private static final String RECIPIENT = "0x209693bc6afc0c5328ba36faf03c514ef312287c";
  private static final String KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  private static EvmMethod.Builder builder() {
    return EvmMethod.builder()
        .chainId(84532)
        .rpcUrl("http://127.0.0.1:1")
        .currency(TOKEN)
        .token("USDC", "2")
        .recipient(RECIPIENT)
        .settlementKey(Secret.of(KEY));
  }

  private static final EvmMethod METHOD = builder().build();
  private static final Mpp MPP =
      Mpp.builder()
          .realm("api.test")
          .secret(Secret.of("an evm unit test secret of 32+ bytes"))
          .method(METHOD)
          .reconcileEvery(null)
          .build();

  @Test
  void requestWhenOfferPricedThenSpecShapedChallengeRequest() {
    ChargeRequest request =
        (ChargeRequest) MPP.request(Offer.charge("evm").price("0.01").externalId("o-1").build());

    assertThat(request.amount()).hasToString("10000");
    assertThat(request.currency()).isEqualTo("0x036CbD53842c5426634e7929541eC2318f3dCF7e");
    assertThat(request.recipient()).isEqualTo("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");
    assertThat(Json.write(request.methodDetails()))
        .isEqualTo(
            "{\"chainId\":84532,\"credentialTypes\":[\"authorization\"],\"decimals\":6,"
                + "\"permit2Address\":\"0x000000000022D473030F116dDEE9F6B43aC78BA3\"}");
    assertThat(request.externalId()).isEqualTo("o-1");
  }

  @Test
  void checksumWhenEip55VectorThenMixedCase() {
    assertThat(Eip3009.checksum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
        .isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertThat(Eip3009.checksum("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"))
        .isEqualTo("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
  }

  @Test
  void requestWhenOfferNamesAnotherTokenThenRefusedAtDeclaration() {
    assertThatThrownBy(
            () ->
                MPP.request(
                    Offer.charge("evm")
                        .price("0.01")
                        .currency("0x0000000000000000000000000000000000000001")
                        .build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildWhenIncompleteOrUnsafeThenRefused() {
    assertThatThrownBy(() -> EvmMethod.builder().chainId(1).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                EvmMethod.builder()
                    .chainId(1)
                    .rpcUrl("http://127.0.0.1:1")
                    .currency(TOKEN)
                    .token("USDC", "2")
                    .recipient(RECIPIENT)
                    .build())
        .hasMessageContaining("settlement key");
    assertThatThrownBy(() -> builder().rpcUrl("http://node.example.com").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder().credentialTypes("permit2"))
        .hasMessageContaining("unsupported");
    assertThat(builder().credentialTypes("hash").build()).isNotNull();
    assertThat(METHOD.settlementAddress()).contains("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(METHOD.toString()).doesNotContain(KEY.substring(2, 12));
  }

  private static Challenge challenge(String method, ChargeRequest request) {
    return new Challenge(
        "id",
        "api.test",
        method,
        "charge",
        request.toWire(),
        "2030-01-01T00:00:00Z",
        null,
        null,
        null,
        "PAYMENT-SIGNATURE");
  }

  @Test
  void x402RequirementsWhenEvmChallengeThenExactEip3009OnTheChain() {
    ChargeRequest request = (ChargeRequest) MPP.request(Offer.charge("evm").price("0.01").build());

    ObjectNode requirement = METHOD.x402Requirements(challenge("evm", request)).orElseThrow();

    assertThat(Json.write(requirement))
        .isEqualTo(
            "{\"scheme\":\"exact\",\"network\":\"eip155:84532\",\"amount\":\"10000\","
                + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\","
                + "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
                + "\"maxTimeoutSeconds\":120,\"extra\":{\"name\":\"USDC\",\"version\":\"2\","
                + "\"assetTransferMethod\":\"eip3009\"}}");
    assertThat(METHOD.x402Requirements(challenge("tempo", request))).isEmpty();
  }

  @Test
  void x402CredentialWhenPermit2PayloadThenInvalidPayload() {
    ChargeRequest request = (ChargeRequest) MPP.request(Offer.charge("evm").price("0.01").build());
    ObjectNode payload = Json.object();
    payload.putObject("payload").putObject("permit2Authorization").put("from", RECIPIENT);

    assertThatThrownBy(() -> METHOD.x402Credential(challenge("evm", request), payload))
        .isInstanceOf(PaymentExceptions.InvalidPayload.class);
  }
}
