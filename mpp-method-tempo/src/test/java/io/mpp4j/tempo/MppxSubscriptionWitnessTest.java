package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The current reference client ({@code mppx@0.11.0}) reads this server's subscription challenge and
 * answers it with a key authorization bound to the challenge by a TIP-1053 witness, which the
 * server verifies. A Tempo T4 chain cannot decode the witness (a T5 field), so activation ends
 * there: the network refuses the transaction, after every check of the credential passed.
 */
class MppxSubscriptionWitnessTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  private static SubscriptionHarness server;
  private static LocalTempoChain.DevAccount payer;
  private static JsonNode result;
  private static Credential credential;

  @BeforeAll
  static void subscribe() throws Exception {
    server = new SubscriptionHarness(CHAIN, new MemoryStore(), new MemoryLedger());
    payer = CHAIN.freshAccount();
    result = MppxClient.subscribe(server.url(), CHAIN, payer, "0.11.0", 1).get(0);
    credential = PaymentHeaders.parseCredential(result.path("credential").asText());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void mppx011WhenSubscribingThenCredentialPassesChecksAndOnlyTheT4NetworkRefusesIt() {
    assertThat(credential.challenge().intent()).isEqualTo("subscription");
    assertThat(credential.source()).isEqualTo(payer.did());
    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(402);
    assertThat(result.path("problem").path("detail").asText())
        .contains("could not be activated")
        .contains("network refused");
  }

  @Test
  void witnessWhenPresentThenItIsTheChallengeIdAndTheGrantVerifies() {
    KeyAuthorization auth = authorization(credential);

    SubscriptionGrantCheck.Grant grant = SubscriptionGrantCheck.check(credential, terms());

    assertThat(auth.witness()).isEqualTo(Base64Url.decode(credential.challenge().id()));
    assertThat(grant.payer()).isEqualTo(payer.address());
    assertThat(grant.memo()).isTrue();
  }

  @Test
  void witnessWhenForAnotherChallengeThenRefused() {
    byte[] other = Base64Url.decode(credential.challenge().id());
    other[0] ^= 1;
    Credential forged = resigned(credential, 6, Rlp.bytes(other));

    assertThatThrownBy(() -> SubscriptionGrantCheck.check(forged, terms()))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining("witness");
  }

  @Test
  void grantWhenResignedWithTheSameWitnessThenStillVerifies() {
    Rlp.Item witness = ((Rlp.Items) authorization(credential).signed().get(0)).get(6);

    Credential same = resigned(credential, 6, witness);

    assertThat(SubscriptionGrantCheck.check(same, terms()).payer()).isEqualTo(payer.address());
  }

  private static SubscriptionTerms terms() {
    ObjectNode request = Json.parseObject(Base64Url.decode(credential.challenge().request()));
    return SubscriptionTerms.of(SubscriptionRequest.fromJson(request));
  }

  static KeyAuthorization authorization(Credential credential) {
    return KeyAuthorization.decode(Hex.decode(credential.payloadString("signature").orElseThrow()));
  }

  /** The credential with field {@code index} of its authorization replaced, signed by the payer. */
  static Credential resigned(Credential credential, int index, Rlp.Item value) {
    Rlp.Items tuple = (Rlp.Items) authorization(credential).signed().get(0);
    List<Rlp.Item> fields = new ArrayList<>(tuple.items());
    fields.set(index, value);
    Rlp.Items changed = Rlp.list(fields);
    Secp256k1.Signature signature = Secp256k1.sign(Keccak.hash(Rlp.encode(changed)), payer.key());
    ObjectNode payload = Json.object();
    payload.put("type", "keyAuthorization");
    payload.put(
        "signature", Hex.encode(Rlp.encode(Rlp.list(changed, Rlp.bytes(signature.toBytes65())))));
    return new Credential(credential.challenge(), payload, credential.source());
  }
}
