package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.store.redis.RedisServer;
import io.mpp4j.store.redis.RedisStore;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server instances sharing one Redis and one settlement key: a payment made on one (x402 or
 * MPP) is refused when replayed on the other, and their settlements never collide on an account
 * nonce; a tampered x402 requirement or an MPP authorization whose nonce is not bound to a
 * challenge of the other instance is refused there before any transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRedisTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();

  private RedisServer redis;
  private RedisStore storeA;
  private RedisStore storeB;
  private FortuneApp a;
  private FortuneApp b;
  private LocalEvmChain.Account merchant;

  @BeforeAll
  void start() throws Exception {
    redis = RedisServer.start();
    String prefix = "evm-test-" + UUID.randomUUID() + ":";
    storeA = RedisStore.builder().uri(redis.uri()).keyPrefix(prefix).build();
    storeB = RedisStore.builder().uri(redis.uri()).keyPrefix(prefix).build();
    merchant = CHAIN.randomAccount();
    a = new FortuneApp(CHAIN.method(merchant.address()).build(), storeA);
    b = new FortuneApp(CHAIN.method(merchant.address()).build(), storeB);
  }

  @AfterAll
  void stop() throws Exception {
    a.close();
    b.close();
    storeA.close();
    storeB.close();
    redis.close();
  }

  private BigInteger settlements() {
    return CHAIN.transactionCount(CHAIN.settler().address());
  }

  @Test
  void x402PaymentWhenReplayedOnTheOtherInstanceThenRefused() throws Exception {
    BigInteger before = CHAIN.balance(merchant.address());
    JsonNode paid = EvmClients.x402(a.url(), CHAIN.payer(20_000), null);
    assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
    BigInteger sent = settlements();
    String signature = paid.path("signature").asText();

    HttpResponse<String> replay = Payers.get(b.url(), "PAYMENT-SIGNATURE", signature);
    HttpResponse<String> rebound =
        Payers.get(
            b.url(),
            "PAYMENT-SIGNATURE",
            Payers.rebind(signature, Payers.paymentRequired(Payers.get(b.url()))));

    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.body()).contains("invalid-challenge");
    assertThat(rebound.statusCode()).isEqualTo(402);
    assertThat(rebound.body()).contains("verification-failed");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(CHAIN.balance(merchant.address()).subtract(before))
        .isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));
  }

  @Test
  void mppPaymentWhenReplayedOnTheOtherInstanceThenRefused() throws Exception {
    BigInteger before = CHAIN.balance(merchant.address());
    JsonNode paid = EvmClients.mppx(b.url(), CHAIN.payer(20_000));
    assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
    BigInteger sent = settlements();

    HttpResponse<String> replay =
        Payers.get(a.url(), "Authorization", paid.path("credential").asText());

    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.body()).contains("invalid-challenge");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(CHAIN.balance(merchant.address()).subtract(before))
        .isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));
  }

  @Test
  void paymentsWhenAlternatingBetweenInstancesThenEachSettlesWithItsOwnNonce() throws Exception {
    BigInteger before = CHAIN.balance(merchant.address());
    BigInteger sent = settlements();
    for (FortuneApp app : new FortuneApp[] {a, b, a, b}) {
      JsonNode paid = EvmClients.x402(app.url(), CHAIN.payer(10_000), null);
      assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
    }
    assertThat(settlements()).isEqualTo(sent.add(BigInteger.valueOf(4)));
    assertThat(CHAIN.balance(merchant.address()).subtract(before))
        .isEqualTo(BigInteger.valueOf(4 * FortuneApp.PRICE));
  }

  @Test
  void x402WhenAmountLoweredOnTheOtherInstanceThenRefusedBeforeAnyTransaction() throws Exception {
    BigInteger sent = settlements();
    BigInteger before = CHAIN.balance(merchant.address());

    JsonNode refused = EvmClients.x402(b.url(), CHAIN.payer(20_000), "amount=1");

    assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(402);
    assertThat(refused.path("paymentRequired").path("error").asText())
        .isEqualTo("The x402 payment does not echo a requirement this server issued.");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(CHAIN.balance(merchant.address())).isEqualTo(before);
  }

  @Test
  void mppAuthorizationWhenNonceNotBoundToTheChallengeOfTheOtherInstanceThenRefused()
      throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(20_000);
    BigInteger sent = settlements();
    Challenge fromA = Payers.evmChallenge(Payers.get(a.url()));

    HttpResponse<String> refused =
        Payers.get(
            b.url(),
            "Authorization",
            Payers.unboundNonceCredential(
                CHAIN, fromA, payer, merchant.address(), FortuneApp.PRICE));

    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body()).contains("nonce is not bound to this challenge");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(20_000));
  }
}
