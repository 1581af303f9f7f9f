package io.mpp4j.tempo;

import static io.mpp4j.tempo.PaymentHarness.detail;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The method's challenges (draft-tempo-charge-00 §4) and the refusals it decides before any RPC
 * call (§5, §6): modes, sponsorship, payload types and zero amounts. The RPC URL points at a closed
 * port, so a test that reached the network would fail with 503.
 */
class TempoMethodTest {
  static final String MERCHANT = "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00";
  static final String PARTNER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  static final String NOWHERE = "http://127.0.0.1:9";

  static TempoMethod.Builder method() {
    return TempoMethod.builder().chain(TempoChain.MODERATO).rpcUrl(NOWHERE).recipient(MERCHANT);
  }

  @Test
  void requestWhenDefaultsThenChainCurrencyAndAmountInBaseUnits() {
    ChargeRequest request = request(method().build(), PaymentHarness.price("1.5"));

    assertThat(request.amount()).isEqualTo(BigInteger.valueOf(1_500_000));
    assertThat(request.currency()).isEqualTo(TempoMethod.PATH_USD);
    assertThat(request.recipient()).isEqualTo(MERCHANT);
    assertThat(Json.write(request.methodDetails())).isEqualTo("{\"chainId\":42431}");
  }

  @Test
  void requestWhenConfiguredThenDetailsCarrySponsorMemoSplitsAndModes() {
    String memo = "0x" + "cd".repeat(32);
    TempoMethod sponsored =
        method()
            .feePayer(Secret.of(TempoTransactionVectorsTest.FEE_PAYER_KEY))
            .memo(memo)
            .split(TempoSplit.of(PARTNER, "0.25"))
            .build();
    TempoMethod pushOnly = method().modes(TempoMethod.Mode.PUSH).build();

    JsonNode details = request(sponsored, PaymentHarness.price("1")).methodDetails();

    assertThat(details.path("feePayer").asBoolean()).isTrue();
    assertThat(details.path("memo").asText()).isEqualTo(memo);
    assertThat(details.path("splits").get(0).path("amount").asText()).isEqualTo("250000");
    assertThat(details.path("supportedModes").toString()).isEqualTo("[\"pull\"]");
    assertThat(
            request(pushOnly, PaymentHarness.price("1"))
                .methodDetails()
                .path("supportedModes")
                .toString())
        .isEqualTo("[\"push\"]");
    assertThat(sponsored.feePayerAddress()).contains(TempoTransactionVectorsTest.FEE_PAYER);
  }

  @Test
  void requestWhenSameOfferTwiceThenSameWireForm() {
    TempoMethod tempo = method().split(TempoSplit.of(PARTNER, "0.1")).build();
    Offer offer =
        Offer.charge("tempo").price("1").description("a fortune").externalId("o-1").build();

    assertThat(request(tempo, offer).toWire()).isEqualTo(request(tempo, offer).toWire());
  }

  @Test
  void requestWhenOfferOverridesOrIsInvalidThenHonouredOrRefused() {
    TempoMethod tempo = method().split(TempoSplit.of(PARTNER, "1")).build();
    Offer override =
        Offer.charge("tempo")
            .price("2")
            .currency(LocalTempoChain.ALPHA_USD)
            .recipient(PARTNER)
            .build();

    ChargeRequest request = request(tempo, override);

    assertThat(request.currency()).isEqualTo(LocalTempoChain.ALPHA_USD);
    assertThat(request.recipient()).isEqualTo(PARTNER);
    assertThatThrownBy(() -> request(tempo, PaymentHarness.price("1")))
        .hasMessageContaining("splits");
    assertThatThrownBy(() -> request(tempo, PaymentHarness.price("0.0000001")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> request(tempo, Offer.charge("tempo").price("1").currency("usd").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildWhenRequiredSettingsMissingThenRefused() {
    assertThatThrownBy(() -> TempoMethod.builder().recipient(MERCHANT).build())
        .hasMessageContaining("chain");
    assertThatThrownBy(() -> TempoMethod.builder().chainId(31337).recipient(MERCHANT).build())
        .hasMessageContaining("rpcUrl");
    assertThatThrownBy(
            () -> TempoMethod.builder().chainId(31337).rpcUrl(NOWHERE).recipient(MERCHANT).build())
        .hasMessageContaining("currency");
    assertThatThrownBy(
            () ->
                method()
                    .modes(TempoMethod.Mode.PUSH)
                    .feePayer(Secret.of(TempoTransactionVectorsTest.FEE_PAYER_KEY))
                    .build())
        .hasMessageContaining("pull");
    assertThat(
            request(
                    TempoMethod.builder().chain(TempoChain.MAINNET).recipient(MERCHANT).build(),
                    PaymentHarness.price("1"))
                .currency())
        .isEqualTo(TempoMethod.USDC_E);
  }

  @Test
  void verifyWhenHashButServerSponsorsThenRefusedBeforeAnyRpc() {
    PaymentHarness server =
        new PaymentHarness(
            method().feePayer(Secret.of(TempoTransactionVectorsTest.FEE_PAYER_KEY)).build(),
            null,
            PaymentHarness.price("1"));

    Decision decision =
        server.pay(server.challenge(), PaymentHarness.hash("0x" + "11".repeat(32)), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("pays the fees");
  }

  @Test
  void verifyWhenModeNotAllowedThenRefusedBeforeAnyRpc() {
    PaymentHarness pushOnly =
        new PaymentHarness(
            method().modes(TempoMethod.Mode.PUSH).build(), null, PaymentHarness.price("1"));
    PaymentHarness pullOnly =
        new PaymentHarness(
            method().modes(TempoMethod.Mode.PULL).build(), null, PaymentHarness.price("1"));

    Decision pull =
        pushOnly.pay(
            pushOnly.challenge(), PaymentHarness.transaction(TempoTransactionVectorsTest.A), null);
    Decision push =
        pullOnly.pay(pullOnly.challenge(), PaymentHarness.hash("0x" + "11".repeat(32)), null);

    assertThat(detail(pull)).contains("does not accept transaction credentials");
    assertThat(detail(push)).contains("does not accept hash credentials");
  }

  @Test
  void verifyWhenPayloadTypeWrongForAmountThenRefused() {
    PaymentHarness paid = new PaymentHarness(method().build(), null, PaymentHarness.price("1"));
    PaymentHarness free = new PaymentHarness(method().build(), null, PaymentHarness.price("0"));

    Decision proofForPaid = paid.pay(paid.challenge(), PaymentHarness.proof("0x00"), null);
    Decision hashForFree =
        free.pay(free.challenge(), PaymentHarness.hash("0x" + "11".repeat(32)), null);
    Decision unknown = paid.pay(paid.challenge(), Json.object().put("type", "cheque"), null);
    Decision missing = paid.pay(paid.challenge(), Json.object().put("type", "hash"), null);
    Decision badHash = paid.pay(paid.challenge(), PaymentHarness.hash("0x1234"), null);

    assertThat(detail(proofForPaid)).contains("only valid for zero-amount");
    assertThat(detail(hashForFree)).contains("require a proof");
    assertThat(problem(unknown)).isEqualTo(ProblemType.INVALID_PAYLOAD);
    assertThat(problem(missing)).isEqualTo(ProblemType.INVALID_PAYLOAD);
    assertThat(problem(badHash)).isEqualTo(ProblemType.MALFORMED_CREDENTIAL);
  }

  @Test
  void verifyWhenSpecVectorLacksChallengeBoundMemoThenRefusedBeforeAnyRpc() {
    PaymentHarness server = new PaymentHarness(method().build(), null, PaymentHarness.price("1"));
    Challenge challenge = server.challenge();

    Decision decision =
        server.pay(challenge, PaymentHarness.transaction(TempoTransactionVectorsTest.A), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("no matching payment call found");
  }

  @Test
  void buildWhenRpcUrlIsPlainHttpOnARemoteHostThenRefusedUnlessOptedIn() {
    assertThatThrownBy(() -> method().rpcUrl("http://rpc.example.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https")
        .hasMessageContaining("allowInsecureRpc");
    assertThat(method().rpcUrl("http://rpc.example.com").allowInsecureRpc(true).build())
        .isNotNull();
    assertThat(method().rpcUrl("http://localhost:8545").build()).isNotNull();
    assertThat(method().rpcUrl("http://[::1]:8545").build()).isNotNull();
    assertThat(method().rpcUrl("https://rpc.example.com").build()).isNotNull();
  }

  @Test
  void handlersWhenBuiltThenServeTheChargeIntentOnly() {
    assertThat(method().build().handlers())
        .extracting(handler -> handler.intent().name())
        .containsExactly("charge");
  }

  /** The challenge request the method's charge handler makes for {@code offer}. */
  @SuppressWarnings("unchecked")
  static ChargeRequest request(TempoMethod tempo, Offer offer) {
    IntentHandler<ChargeRequest> charge =
        (IntentHandler<ChargeRequest>)
            tempo.handlers().stream()
                .filter(handler -> handler.intent() == Intent.CHARGE)
                .findFirst()
                .orElseThrow();
    return charge.request(offer);
  }
}
