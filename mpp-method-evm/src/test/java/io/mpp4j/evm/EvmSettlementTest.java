package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks and failure paths of authorization settlement on a local chain behind a proxy that
 * counts RPC calls: what is refused before any RPC, what fails closed, and an unknown outcome
 * recovered on the client's retry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvmSettlementTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();
  private static final BigInteger PRICE = BigInteger.valueOf(FortuneApp.PRICE);

  private LossyRpc rpc;
  private LocalEvmChain.Account merchant;
  private FortuneApp app;

  @BeforeAll
  void start() throws Exception {
    rpc = new LossyRpc(CHAIN.rpcUrl());
    merchant = CHAIN.randomAccount();
    app =
        new FortuneApp(
            CHAIN
                .method(merchant.address())
                .rpcUrl(rpc.url())
                .rpcTimeout(java.time.Duration.ofSeconds(2))
                .build(),
            null);
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
    rpc.close();
  }

  @BeforeEach
  void heal() {
    rpc.heal();
  }

  private Challenge challenge() throws Exception {
    return Payers.evmChallenge(Payers.get(app.url()));
  }

  private HttpResponse<String> pay(
      Challenge challenge,
      LocalEvmChain.Account payer,
      String to,
      BigInteger value,
      Instant validBefore,
      String nonce)
      throws Exception {
    return Payers.get(
        app.url(),
        "Authorization",
        Payers.nativeCredential(
            challenge, Payers.authorization(CHAIN, payer, to, value, validBefore, nonce)));
  }

  private static String bound(Challenge challenge) {
    return Eip3009.challengeHash(challenge.id(), challenge.realm());
  }

  @Test
  void authorizationWhenItCannotPayTheChallengeThenRefusedWithoutAnyRpc() throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    Instant soon = Instant.now().plusSeconds(120);
    record Case(String problem, String to, BigInteger value, Instant validBefore) {}
    List<Case> cases =
        List.of(
            new Case(
                "payment-insufficient", merchant.address(), PRICE.subtract(BigInteger.ONE), soon),
            new Case("verification-failed", merchant.address(), PRICE.add(BigInteger.ONE), soon),
            new Case("verification-failed", CHAIN.randomAccount().address(), PRICE, soon),
            new Case("payment-expired", merchant.address(), PRICE, Instant.now().plusSeconds(2)),
            new Case(
                "verification-failed", merchant.address(), PRICE, Instant.now().plusSeconds(3600)));
    for (Case c : cases) {
      Challenge challenge = challenge();
      int calls = rpc.calls();
      HttpResponse<String> refused =
          pay(challenge, payer, c.to(), c.value(), c.validBefore(), bound(challenge));
      assertThat(refused.statusCode()).as(c.toString()).isEqualTo(402);
      assertThat(refused.body()).as(c.toString()).contains(c.problem());
      assertThat(rpc.calls()).as(c.toString()).isEqualTo(calls);
    }
    Challenge challenge = challenge();
    int calls = rpc.calls();
    HttpResponse<String> forged =
        Payers.get(
            app.url(),
            "Authorization",
            Payers.nativeCredential(
                challenge,
                Payers.authorization(
                        CHAIN,
                        CHAIN.randomAccount(),
                        merchant.address(),
                        PRICE,
                        soon,
                        bound(challenge))
                    .put("from", payer.address())));
    assertThat(forged.body()).contains("not signed by its sender");
    assertThat(rpc.calls()).isEqualTo(calls);
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(50_000));
  }

  @Test
  void authorizationWhenPayerCannotCoverItThenRefusedWithoutNodeTextAndNothingSent()
      throws Exception {
    LocalEvmChain.Account poor = CHAIN.payer(10);
    BigInteger sent = CHAIN.transactionCount(CHAIN.settler().address());
    Challenge challenge = challenge();

    HttpResponse<String> refused =
        pay(
            challenge,
            poor,
            merchant.address(),
            PRICE,
            Instant.now().plusSeconds(120),
            bound(challenge));

    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body())
        .contains("balance does not cover")
        .doesNotContainIgnoringCase("revert");
    assertThat(CHAIN.transactionCount(CHAIN.settler().address())).isEqualTo(sent);
  }

  @Test
  void settlementWhenBroadcastReplyLostThenServedOnceOnRetry() throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    BigInteger before = CHAIN.balance(merchant.address());
    Challenge challenge = challenge();
    String credential =
        Payers.nativeCredential(
            challenge,
            Payers.authorization(
                CHAIN,
                payer,
                merchant.address(),
                PRICE,
                Instant.now().plusSeconds(120),
                bound(challenge)));
    rpc.lose("eth_sendRawTransactionSync", "eth_sendRawTransaction");

    HttpResponse<String> unknown = Payers.get(app.url(), "Authorization", credential);

    assertThat(unknown.statusCode()).isEqualTo(503);
    assertThat(unknown.headers().firstValue("Retry-After")).isPresent();
    assertThat(CHAIN.balance(merchant.address()).subtract(before)).isEqualTo(PRICE);

    rpc.heal();
    HttpResponse<String> retried = Payers.get(app.url(), "Authorization", credential);
    HttpResponse<String> again = Payers.get(app.url(), "Authorization", credential);

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.headers().firstValue("Payment-Receipt")).isPresent();
    assertThat(again.statusCode()).isEqualTo(402);
    assertThat(CHAIN.balance(merchant.address()).subtract(before)).isEqualTo(PRICE);
    List<LedgerEntry> entries =
        app.mpp
            .ledger()
            .query(LedgerQuery.between(Instant.EPOCH, Instant.now().plusSeconds(60)).build());
    assertThat(entries)
        .filteredOn(e -> e.challengeId().equals(challenge.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));
  }

  @Test
  void settlementWhenNodeUnreachableThen503WithoutNodeTextAndTheAuthorizationStaysUsable()
      throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    try (FortuneApp offline =
        new FortuneApp(
            CHAIN.method(merchant.address()).rpcUrl("http://127.0.0.1:1").build(), null)) {
      Challenge challenge = Payers.evmChallenge(Payers.get(offline.url()));
      HttpResponse<String> down =
          Payers.get(
              offline.url(),
              "Authorization",
              Payers.nativeCredential(
                  challenge,
                  Payers.authorization(
                      CHAIN,
                      payer,
                      merchant.address(),
                      PRICE,
                      Instant.now().plusSeconds(120),
                      bound(challenge))));

      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).isPresent();
      assertThat(down.body()).contains("could not be reached").doesNotContain("127.0.0.1");
    }
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(50_000));
  }
}
