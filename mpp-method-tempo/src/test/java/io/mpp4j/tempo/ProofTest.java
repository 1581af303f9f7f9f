package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Zero-amount proofs (draft-tempo-charge-00 proof payload; protocol notes 2.7). */
class ProofTest {
  static final String ID = "kM9xPqWvT2nJrHsY4aDfEb";
  static final String REALM = "api.example.com";
  static final String ACCOUNT = TempoTransactionVectorsTest.SENDER;
  static final BigInteger KEY =
      TempoTransactionVectorsTest.key(TempoTransactionVectorsTest.SENDER_KEY);

  @Test
  void digestWhenSpecVersionThenMatchesVectorAndSignature() {
    byte[] digest = ProofTypedData.V1.digest(4217, ID, REALM, ACCOUNT);

    assertThat(Hex.encode(digest))
        .isEqualTo("0x5c4c97e07eff2c3434c52eaa9234a273fd4759f27ada76100a32bbc08a9b3940");
    assertThat(Hex.encode(Secp256k1.sign(digest, KEY).toBytes65()))
        .isEqualTo(
            "0xbfbe2bca8868432f8add819b56a2f1ce99c682400d11a0116083f4fa6b59f47f57f23a089fc3a8cc"
                + "366b0855384d05e0b8f0b67eaebbe476fb63507ac24be0f61b");
  }

  @Test
  void digestWhenMppxVersionThenMatchesVector() {
    assertThat(Hex.encode(ProofTypedData.V3.digest(4217, ID, REALM, ACCOUNT)))
        .isEqualTo("0x909a6b8278fd62483cb7e77f179b7beca1b9635871417c02a3a9093817ce6b14");
  }

  @Test
  void verifyWhenAnyKnownVersionSignedBySourceThenAccepted() {
    for (ProofTypedData version : ProofTypedData.values()) {
      String signature = sign(version, 4217, KEY);

      assertThat(
              ChargeVerifier.proof(credential(signature, did(4217, ACCOUNT)), terms(4217), REALM))
          .as(version.name())
          .isEqualTo(ACCOUNT);
    }
  }

  @Test
  void verifyWhenSignerSourceChainOrRealmWrongThenRefused() {
    String mine = sign(ProofTypedData.V3, 4217, KEY);
    BigInteger otherKey =
        TempoTransactionVectorsTest.key(TempoTransactionVectorsTest.FEE_PAYER_KEY);

    assertThatThrownBy(
            () ->
                ChargeVerifier.proof(
                    credential(sign(ProofTypedData.V3, 4217, otherKey), did(4217, ACCOUNT)),
                    terms(4217),
                    REALM))
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () -> ChargeVerifier.proof(credential(mine, did(42431, ACCOUNT)), terms(4217), REALM))
        .hasMessageContaining("another chain");
    assertThatThrownBy(
            () ->
                ChargeVerifier.proof(
                    credential(mine, did(4217, ACCOUNT)), terms(4217), "other.example"))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> ChargeVerifier.proof(credential(mine, null), terms(4217), REALM))
        .hasMessageContaining("needs a source");
    assertThatThrownBy(
            () ->
                ChargeVerifier.proof(credential("0x1234", did(4217, ACCOUNT)), terms(4217), REALM))
        .isInstanceOf(PaymentExceptions.MalformedCredential.class);
  }

  @Test
  void typedDataWhenVersionTwoThenShapeOfConformanceVector() {
    ObjectNode typed = ProofTypedData.V2.typedData(42431, "c", "r", null);

    assertThat(typed.path("domain").path("version").asText()).isEqualTo("2");
    assertThat(typed.path("types").path("Proof").size()).isEqualTo(2);
    assertThat(typed.path("message").has("account")).isFalse();
  }

  private static String sign(ProofTypedData version, long chainId, BigInteger key) {
    return Hex.encode(Secp256k1.sign(version.digest(chainId, ID, REALM, ACCOUNT), key).toBytes65());
  }

  private static ChargeTerms terms(long chainId) {
    ObjectNode details = Json.object().put("chainId", chainId);
    return ChargeTerms.of(
        new ChargeRequest(BigInteger.ZERO, TempoMethod.PATH_USD, ACCOUNT, null, null, details));
  }

  private static Credential credential(String signature, String source) {
    Challenge challenge =
        new Challenge(ID, REALM, "tempo", "charge", "e30", null, null, null, null);
    return new Credential(challenge, PaymentHarness.proof(signature), source);
  }

  private static String did(long chainId, String address) {
    return PayerSource.did(chainId, address);
  }
}
