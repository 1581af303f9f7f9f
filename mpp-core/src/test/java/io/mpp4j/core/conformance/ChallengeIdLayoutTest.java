package io.mpp4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The challenge id slot layout (draft-httpauth-payment-00 §5.1.1): {@code
 * realm|method|intent|request|expires|digest|opaque}, absent slots empty. The reference vectors
 * (mppx, protocol notes §0.2) use the 18-byte secret {@code test-vector-secret}, which {@link
 * ChallengeBinding} rightly refuses; they are checked here with {@code javax.crypto} over the
 * layout, and the layout is then shown to be the one {@link ChallengeBinding} signs.
 */
class ChallengeIdLayoutTest {
  private static final String WEAK_SECRET = "test-vector-secret";
  private static final String STRONG_SECRET = "a-strong-secret-of-at-least-32-bytes!!";

  private static String slot(String json) {
    return json.isEmpty()
        ? ""
        : Jcs.encode(Json.parseObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String layout(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String opaque) {
    return String.join("|", realm, method, intent, request, expires, digest, opaque);
  }

  private static String hmac(String secret, String input) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{7}")
  @CsvSource(
      delimiter = ';',
      value = {
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};;;;X6v1eo7fJ76gAxqY0xN9Jd__4lUyDDYmriryOM-5FO4",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};2025-01-06T12:00:00Z;;;ChPX33RkKSZoSUyZcu8ai4hhkvjZJFkZVnvWs5s0iXI",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};;sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE;;JHB7EFsPVb-xsYCo8LHcOzeX1gfXWVoUSzQsZhKAfKM",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};2025-01-06T12:00:00Z;sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE;;m39jbWWCIfmfJZSwCfvKFFtBl0Qwf9X4nOmDb21peLA",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};;;{\"pi\":\"pi_3abc123XYZ\"};rxzKZ2qjXvinqCH96RORTZEPs1KXsA-0AUjrCAPFOWc",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};;;{};vb4IyH-0LdJ3s7L0QAw8jIzcZkyxksPhIvEfmHmzA9k",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};2025-01-06T12:00:00Z;;{\"pi\":\"pi_3abc123XYZ\"};KAfoMrA4fnzS1DPWN_cUv_b3_yHxCizdp6OhH7gluMY",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\"};;;{\"pi\":\"pi_3abc123XYZ\",\"deposit\":\"dep_456\"};aKskU8sadR5ZuFbUCsIwhO-ENxuVpTw17FdwHEXsJDk",
        "api.example.com;tempo;charge;{\"recipient\":\"0xabcd\",\"currency\":\"0x1234\",\"amount\":\"1000000\"};;;;_H5TOnnlW0zduQ5OhQ3EyLVze_TqxLDPda2CGZPZxOc",
        "api.example.com;tempo;charge;{\"amount\":\"1000000\",\"currency\":\"0x1234\",\"methodDetails\":{\"chainId\":42431}};;;;TqujwpuDDg_zsWGINAd5XObO2rRe6uYufpqvtDmr6N8",
        "api.example.com;tempo;charge;{};;;;yLN7yChAejW9WNmb54HpJIWpdb1WWXeA3_aCx4dxmkU",
        "payments.other.com;tempo;charge;{\"amount\":\"1000000\"};;;;3F5bOo2a9RUihdwKk4hGRvBvzQmVPBMDvW0YM-8GD00",
        "api.example.com;stripe;charge;{\"amount\":\"1000000\"};;;;o0ra2sd7HcB4Ph0Vns69gRDUhSj5WNOnUopcDqKPLz4",
        "api.example.com;tempo;session;{\"amount\":\"1000000\"};;;;aAY7_IEDzsznNYplhOSE8cERQxvjFcT4Lcn-7FHjLVE"
      })
  void referenceIdsAreHmacOfTheSevenSlotLayout(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String opaque,
      String expectedId)
      throws GeneralSecurityException {
    String input =
        layout(
            realm,
            method,
            intent,
            slot(request),
            nullToEmpty(expires),
            nullToEmpty(digest),
            slot(nullToEmpty(opaque)));

    assertThat(hmac(WEAK_SECRET, input)).isEqualTo(expectedId);
  }

  @Test
  void firstReferenceVectorHasTheDocumentedInput() {
    assertThat(
            layout(
                "api.example.com", "tempo", "charge", slot("{\"amount\":\"1000000\"}"), "", "", ""))
        .isEqualTo("api.example.com|tempo|charge|eyJhbW91bnQiOiIxMDAwMDAwIn0|||");
  }

  @Test
  void challengeBindingSignsTheSameLayout() throws GeneralSecurityException {
    ChallengeBinding binding = ChallengeBinding.of(Secret.of(STRONG_SECRET), List.of());
    String request = slot("{\"amount\":\"1000000\"}");
    String opaque = slot("{\"pi\":\"pi_3abc123XYZ\"}");

    String id =
        binding.id(
            Challenge.builder()
                .realm("api.example.com")
                .method("tempo")
                .intent("charge")
                .request(request)
                .expires("2025-01-06T12:00:00Z")
                .opaque(opaque));

    assertThat(id)
        .isEqualTo(
            hmac(
                STRONG_SECRET,
                layout(
                    "api.example.com",
                    "tempo",
                    "charge",
                    request,
                    "2025-01-06T12:00:00Z",
                    "",
                    opaque)));
    assertThat(
            binding.verify(
                new Challenge(
                    id,
                    "api.example.com",
                    "tempo",
                    "charge",
                    request,
                    "2025-01-06T12:00:00Z",
                    null,
                    "description is not bound",
                    opaque)))
        .isTrue();
  }

  @Test
  void challengeBindingRefusesTheWeakReferenceSecret() {
    assertThatThrownBy(() -> ChallengeBinding.of(Secret.of(WEAK_SECRET), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ChallengeBinding.of(Secret.of(STRONG_SECRET), List.of(Secret.of(WEAK_SECRET))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void challengeBindingAcceptsIdsOfAPreviousSecretButSignsWithTheCurrentOne() {
    String previous = "the-previous-secret-of-32-bytes-or-more";
    ChallengeBinding old = ChallengeBinding.of(Secret.of(previous), List.of());
    ChallengeBinding rotated =
        ChallengeBinding.of(Secret.of(STRONG_SECRET), List.of(Secret.of(previous)));
    String oldId = old.id(minimal());

    assertThat(
            rotated.verify(
                new Challenge(oldId, "r", "tempo", "charge", "e30", null, null, null, null)))
        .isTrue();
    assertThat(rotated.id(minimal())).isNotEqualTo(oldId);
  }

  @Test
  void challengeBindingRejectsAnyChangedSlot() {
    ChallengeBinding binding = ChallengeBinding.of(Secret.of(STRONG_SECRET), List.of());
    String id = binding.id(minimal().expires("2026-01-01T00:00:00Z").digest("d").opaque("o"));
    Challenge issued =
        new Challenge(id, "r", "tempo", "charge", "e30", "2026-01-01T00:00:00Z", "d", null, "o");

    assertThat(binding.verify(issued)).isTrue();
    List<Challenge> tampered =
        List.of(
            new Challenge(
                id, "r2", "tempo", "charge", "e30", "2026-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(
                id, "r", "stripe", "charge", "e30", "2026-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(
                id, "r", "tempo", "session", "e30", "2026-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(
                id, "r", "tempo", "charge", "eyJhIjoxfQ", "2026-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(
                id, "r", "tempo", "charge", "e30", "2027-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(id, "r", "tempo", "charge", "e30", null, "d", null, "o"),
            new Challenge(
                id, "r", "tempo", "charge", "e30", "2026-01-01T00:00:00Z", null, null, "o"),
            new Challenge(
                id, "r", "tempo", "charge", "e30", "2026-01-01T00:00:00Z", "d", null, null),
            new Challenge(
                id + "A", "r", "tempo", "charge", "e30", "2026-01-01T00:00:00Z", "d", null, "o"),
            new Challenge(
                "not base64!",
                "r",
                "tempo",
                "charge",
                "e30",
                "2026-01-01T00:00:00Z",
                "d",
                null,
                "o"));
    for (Challenge challenge : tampered) {
      assertThat(binding.verify(challenge)).as(challenge.toString()).isFalse();
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Challenge.Builder minimal() {
    return Challenge.builder().realm("r").method("tempo").intent("charge").request("e30");
  }
}
