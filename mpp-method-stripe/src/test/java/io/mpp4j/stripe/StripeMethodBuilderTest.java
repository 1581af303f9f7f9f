package io.mpp4j.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration checks of {@link StripeMethod.Builder}, all at build time. */
class StripeMethodBuilderTest {

  @Test
  void buildWhenRequiredSettingMissingThenRefused() {
    assertThatThrownBy(
            () -> StripeMethod.builder().networkId("n").paymentMethodTypes("card").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                StripeMethod.builder()
                    .secretKey(Secret.of(Fixtures.SECRET_KEY))
                    .paymentMethodTypes("card")
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                StripeMethod.builder()
                    .secretKey(Secret.of(Fixtures.SECRET_KEY))
                    .networkId("n")
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void buildWhenKeyIsNotASecretKeyThenRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () -> Fixtures.method().secretKey(Secret.of("pk_test_publishableKey123")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("publishableKey123");
  }

  @Test
  void buildWhenRestrictedKeyThenAccepted() {
    assertThat(Fixtures.method().secretKey(Secret.of("rk_test_restrictedKey123")).build().id())
        .isEqualTo("stripe");
  }

  @Test
  void buildWhenPaymentMethodTypeMalformedThenRefused() {
    assertThatThrownBy(() -> Fixtures.method().paymentMethodTypes("card", "Link!").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildWhenMetadataBreaksStripeLimitsThenRefused() {
    assertThatThrownBy(() -> Fixtures.method().metadata("mpp_challenge_id", "x").build())
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> Fixtures.method().metadata("a".repeat(41), "x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fixtures.method().metadata("k[0]", "x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fixtures.method().metadata("k", "v".repeat(501)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildWhenConnectSettingsConflictThenRefused() {
    assertThatThrownBy(() -> Fixtures.method().onBehalfOf("acct_").build())
        .hasMessageContaining("onBehalfOf");
    assertThatThrownBy(() -> Fixtures.method().stripeAccount("cus_123").build())
        .hasMessageContaining("stripeAccount");
    assertThatThrownBy(() -> Fixtures.method().transferAmount(100).build())
        .hasMessageContaining("transferDestination");
    assertThatThrownBy(() -> Fixtures.method().applicationFeeAmount(100).build())
        .hasMessageContaining("applicationFeeAmount");
    assertThatThrownBy(
            () ->
                Fixtures.method()
                    .transferDestination("acct_1Dest")
                    .transferAmount(100)
                    .applicationFeeAmount(10)
                    .build())
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () -> Fixtures.method().stripeAccount("acct_1Direct").applicationFeeAmount(-1).build())
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Fixtures.method().transferGroup("has space").build())
        .hasMessageContaining("transferGroup");
  }

  @Test
  void buildWhenApiBaseOrTimeoutMalformedThenRefused() {
    assertThatThrownBy(() -> Fixtures.method().apiBase("ftp://stripe.example").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fixtures.method().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringWhenBuiltThenSecretKeyNeverShown() {
    StripeMethod.Builder builder = Fixtures.method();

    assertThat(builder.toString()).doesNotContain(Fixtures.SECRET_KEY);
    assertThat(builder.build().toString())
        .doesNotContain(Fixtures.SECRET_KEY)
        .contains(Fixtures.NETWORK_ID);
  }
}
