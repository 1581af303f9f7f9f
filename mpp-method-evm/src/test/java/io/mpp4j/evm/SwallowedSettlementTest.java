package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.MutableClock;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A settlement the node accepted but never mined (anvil with automine off, then the transaction
 * dropped): the payment is pending, and once the authorization has expired unused the reconciler
 * records it as failed and releases its claim.
 */
class SwallowedSettlementTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();

  @Test
  void settlementWhenNeverMinedThenFailedAfterTheAuthorizationExpires() throws Exception {
    LocalEvmChain.Account merchant = CHAIN.randomAccount();
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    MutableClock clock = new MutableClock(Instant.now());
    MemoryStore store = new MemoryStore();
    Mpp mpp =
        Mpp.builder()
            .realm("api.test")
            .secret(Secret.of(FortuneApp.SECRET))
            .clock(clock)
            .store(store)
            .reconcileEvery(null)
            .method(CHAIN.method(merchant.address()).receiptTimeout(Duration.ofSeconds(1)).build())
            .build();
    List<Offer> offers = List.of(Offer.charge(EvmMethod.ID).price("0.01").build());
    PaymentExchange unpaid =
        HttpExchanges.of("GET", "/api/fortune", null, n -> null, new byte[0]).build();
    Challenge challenge =
        ((io.mpp4j.core.Decision.PaymentRequired) mpp.decide(unpaid, offers)).challenges().get(0);
    Instant validBefore = Instant.now().plusSeconds(60);
    String credential =
        Payers.nativeCredential(
            challenge,
            Payers.authorization(
                CHAIN,
                payer,
                merchant.address(),
                BigInteger.valueOf(FortuneApp.PRICE),
                validBefore,
                Eip3009.challengeHash(challenge.id(), challenge.realm())));
    PaymentExchange paid =
        HttpExchanges.of(
                "GET",
                "/api/fortune",
                null,
                n -> n.equalsIgnoreCase("Authorization") ? List.of(credential) : null,
                new byte[0])
            .build();

    CHAIN.rpc("evm_setAutomine", false);
    try {
      assertThat(mpp.decide(paid, offers).status()).isEqualTo(503);
      CHAIN.rpc("anvil_dropAllTransactions");
    } finally {
      CHAIN.rpc("evm_setAutomine", true);
    }

    clock.advance(Duration.ofSeconds(20));
    assertThat(mpp.reconcile()).isZero();
    clock.advance(Duration.between(clock.instant(), validBefore).plusSeconds(31));
    assertThat(mpp.reconcile()).isEqualTo(1);

    List<LedgerEntry> entries =
        mpp.ledger()
            .query(LedgerQuery.between(Instant.EPOCH, clock.instant().plusSeconds(1)).build());
    assertThat(entries)
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.FAILED));
    assertThat(
            store.claim(
                Settler.NAMESPACE + ":" + replayKey(payer, challenge), Duration.ofMinutes(1)))
        .isTrue();
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(50_000));
  }

  private static String replayKey(LocalEvmChain.Account payer, Challenge challenge) {
    return LocalEvmChain.CHAIN_ID
        + ":"
        + CHAIN.token()
        + ":"
        + payer.address()
        + ":"
        + Eip3009.challengeHash(challenge.id(), challenge.realm());
  }
}
