package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

  @Test
  void fromEnvironmentWhenEmptyThenDefaultsWithRandomSecret() {
    ExampleServer.Config first = ExampleServer.Config.fromEnvironment(Map.of());
    ExampleServer.Config second = ExampleServer.Config.fromEnvironment(Map.of());

    assertThat(first.port()).isEqualTo(8080);
    assertThat(first.realm()).isEqualTo("localhost");
    assertThat(first.allowHttp()).isFalse();
    assertThat(first.trustForwardedProto()).isFalse();
    assertThat(first.secret().length()).isEqualTo(32);
    assertThat(first.secret()).isNotEqualTo(second.secret());
  }

  @Test
  void fromEnvironmentWhenSetThenUsed() {
    ExampleServer.Config config =
        ExampleServer.Config.fromEnvironment(
            Map.of(
                "PORT", "9090",
                "MPP_REALM", "api.example.com",
                "MPP_SECRET_KEY", "0123456789abcdef0123456789abcdef",
                "MPP_ALLOW_HTTP", "true",
                "MPP_TRUST_FORWARDED_PROTO", "1"));

    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.realm()).isEqualTo("api.example.com");
    assertThat(config.secret()).isEqualTo(Secret.of("0123456789abcdef0123456789abcdef"));
    assertThat(config.allowHttp()).isTrue();
    assertThat(config.trustForwardedProto()).isTrue();
    assertThat(config.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void fromEnvironmentWhenPortInvalidThenClearError() {
    assertThatThrownBy(() -> ExampleServer.Config.fromEnvironment(Map.of("PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> ExampleServer.Config.fromEnvironment(Map.of("PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PORT");
  }

  @Test
  void methodsWhenVoucherRateLimitMalformedThenClearErrorAndWellFormedOnesAccepted() {
    Map<String, String> sessions =
        Map.of(
            ExampleMethods.TEMPO_CHAIN_ID, "31337",
            ExampleMethods.TEMPO_RPC_URL, "http://127.0.0.1:9",
            ExampleMethods.TEMPO_CURRENCY, "0x20c0000000000000000000000000000000000000",
            ExampleMethods.TEMPO_ESCROW, "0x5e55100000000000000000000000000000000001",
            ExampleMethods.TEMPO_PAYEE_KEY,
                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    for (String bad : new String[] {"0", "ten", "10/0", "10/", "-1", "1.5"}) {
      Map<String, String> env = new java.util.HashMap<>(sessions);
      env.put(ExampleMethods.TEMPO_VOUCHER_RATE_LIMIT, bad);
      assertThatThrownBy(() -> ExampleMethods.fromEnvironment(env))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("MPP_TEMPO_VOUCHER_RATE_LIMIT");
    }
    for (String good : new String[] {"10", "50/100"}) {
      Map<String, String> env = new java.util.HashMap<>(sessions);
      env.put(ExampleMethods.TEMPO_VOUCHER_RATE_LIMIT, good);
      var methods = ExampleMethods.fromEnvironment(env);
      assertThat(SessionRoutes.enabled(methods)).as(good).isTrue();
      SessionRoutes.close(methods);
    }
  }

  @Test
  void methodsWhenNothingConfiguredThenClearError() {
    assertThatThrownBy(() -> ExampleMethods.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MPP_TEMPO_RECIPIENT")
        .hasMessageContaining("MPP_STRIPE_SECRET_KEY");
  }

  @Test
  void fromEnvironmentWhenSecretTooShortThenErrorNamesTheVariable() {
    assertThatThrownBy(
            () -> ExampleServer.Config.fromEnvironment(Map.of("MPP_SECRET_KEY", "too-short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MPP_SECRET_KEY")
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void methodsWhenOnlyTheRecipientIsSetThenTempoOnModerato() {
    var methods =
        ExampleMethods.fromEnvironment(
            Map.of("MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00"));

    assertThat(methods).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("tempo"));
    assertThat(((io.mpp4j.tempo.TempoMethod) methods.get(0)).chain())
        .isEqualTo(io.mpp4j.tempo.TempoChain.MODERATO);
  }

  @Test
  void methodsWhenFeePayerKeyMalformedThenErrorNamesTheVariableNotTheKey() {
    assertThatThrownBy(
            () ->
                ExampleMethods.fromEnvironment(
                    Map.of(
                        "MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
                        "MPP_TEMPO_FEE_PAYER_KEY", "0xnot-a-key-1234")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MPP_TEMPO_FEE_PAYER_KEY")
        .hasMessageNotContaining("not-a-key");
  }

  private static final String FEE_PAYER =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @Test
  void methodsWhenFeePayerWithoutSubscriptionKeyInProductionThenRefusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                ExampleMethods.fromEnvironment(
                    Map.of(
                        "MPP_TEMPO_RECIPIENT",
                        "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
                        "MPP_TEMPO_FEE_PAYER_KEY",
                        FEE_PAYER)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MPP_SUBSCRIPTION_KEY");
  }

  @Test
  void methodsWhenFeePayerInLocalDevelopmentThenSubscriptionsServedWithTheDevelopmentKey() {
    var methods =
        ExampleMethods.fromEnvironment(
            Map.of(
                "MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
                "MPP_TEMPO_FEE_PAYER_KEY", FEE_PAYER,
                "MPP_ALLOW_HTTP", "true"));

    assertThat(ExampleSubscriptions.method(methods)).isPresent();
  }

  @Test
  void methodsWhenSubscriptionKeyShortOrGraceMalformedThenErrorNamesTheVariable() {
    assertThatThrownBy(
            () ->
                ExampleMethods.fromEnvironment(
                    Map.of(
                        "MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
                        "MPP_TEMPO_FEE_PAYER_KEY", FEE_PAYER,
                        "MPP_SUBSCRIPTION_KEY", "too-short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MPP_SUBSCRIPTION_KEY")
        .hasMessageNotContaining("too-short");
    assertThatThrownBy(
            () ->
                ExampleMethods.fromEnvironment(
                    Map.of(
                        "MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00",
                        "MPP_TEMPO_FEE_PAYER_KEY", FEE_PAYER,
                        "MPP_SUBSCRIPTION_KEY", "a-subscription-key-of-at-least-32-bytes!",
                        "MPP_SUBSCRIPTION_GRACE", "six hours")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MPP_SUBSCRIPTION_GRACE");
  }

  @Test
  void methodsWhenTempoWithoutFeePayerThenNoSubscriptions() {
    var methods =
        ExampleMethods.fromEnvironment(
            Map.of("MPP_TEMPO_RECIPIENT", "0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00"));

    assertThat(ExampleSubscriptions.method(methods)).isEmpty();
  }
}
