package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Secret;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Access keys derived per challenge nonce and sealed with AES-GCM for one subscription. */
class SubscriptionKeysTest {
  private final SubscriptionKeys keys =
      new SubscriptionKeys(Secret.of("a-subscription-test-secret-of-32-bytes!!"));

  @Test
  void nonceWhenSameThenSameKeyAndWhenOtherThenAnother() {
    assertThat(keys.accessKey("nonce-a")).isEqualTo(keys.accessKey("nonce-a"));
    assertThat(keys.accessKey("nonce-a")).isNotEqualTo(keys.accessKey("nonce-b"));
    assertThat(keys.address("nonce-a")).isEqualTo(Secp256k1.address(keys.accessKey("nonce-a")));
    BigInteger key = keys.accessKey("nonce-a");
    assertThat(key.signum()).isPositive();
    assertThat(key).isLessThan(Secp256k1.N);
  }

  @Test
  void secretWhenOtherThenOtherKeys() {
    SubscriptionKeys other =
        new SubscriptionKeys(Secret.of("another-subscription-secret-of-32-bytes"));

    assertThat(other.accessKey("nonce-a")).isNotEqualTo(keys.accessKey("nonce-a"));
  }

  @Test
  void sealedKeyWhenOpenedForItsSubscriptionThenSameKeyAndNeverPlainInStore() {
    BigInteger key = keys.accessKey("nonce-a");

    String sealed = keys.seal(key, "sub-1");

    assertThat(keys.open(sealed, "sub-1")).isEqualTo(key);
    assertThat(sealed).doesNotContain(key.toString(16));
    assertThat(keys.seal(key, "sub-1")).isNotEqualTo(sealed);
  }

  @Test
  void sealedKeyWhenOpenedForAnotherSubscriptionOrSecretOrTamperedThenRefused() {
    String sealed = keys.seal(keys.accessKey("nonce-a"), "sub-1");
    SubscriptionKeys other =
        new SubscriptionKeys(Secret.of("another-subscription-secret-of-32-bytes"));
    char last = sealed.charAt(sealed.length() - 2);
    String tampered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);

    assertThatThrownBy(() -> keys.open(sealed, "sub-2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> other.open(sealed, "sub-1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> keys.open(tampered, "sub-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> keys.open("!!", "sub-1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void secretWhenShortThenRefusedAndNeverPrinted() {
    assertThatThrownBy(() -> new SubscriptionKeys(Secret.of("short")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(keys.toString()).doesNotContain("subscription-test-secret");
  }
}
