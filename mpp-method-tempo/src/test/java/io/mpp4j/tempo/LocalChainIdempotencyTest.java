package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.Served;
import io.mpp4j.core.StoredResponse;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Idempotency-Key} on a real local chain (draft-ietf-httpapi-idempotency-key-header §2): a
 * client that re-runs the whole 402 flow on retry, with a fresh credential, gets the stored
 * response and is not charged again; the chain sees one transaction and the ledger one payment.
 */
class LocalChainIdempotencyTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final byte[] BODY = "{\"tea\":1}".getBytes(StandardCharsets.UTF_8);

  private final MemoryLedger ledger = new MemoryLedger();
  private final List<Offer> offers = List.of(PaymentHarness.price("0.04"));
  private RpcFaultProxy proxy;
  private Mpp mpp;

  @BeforeEach
  void start() throws Exception {
    proxy = RpcFaultProxy.start(CHAIN.rpcUrl());
    mpp =
        Mpp.builder()
            .realm(PaymentHarness.REALM)
            .secret(Secret.of(PaymentHarness.SECRET))
            .method(CHAIN.merchantMethod().rpcUrl(proxy.url()).build())
            .store(new MemoryStore())
            .ledger(ledger)
            .reconcileEvery(null)
            .build();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static PaymentExchange post(String authorization, String idempotencyKey) {
    Map<String, List<String>> headers = new HashMap<>();
    if (authorization != null) {
      headers.put("authorization", List.of(authorization));
    }
    headers.put("idempotency-key", List.of(idempotencyKey));
    return HttpExchanges.of(
            "POST", "/api/orders", null, n -> headers.get(n.toLowerCase()), BODY.clone())
        .build();
  }

  /** Runs the whole 402 flow: a fresh challenge, paid by a fresh transaction from {@code payer}. */
  private Decision pay(LocalTempoChain.DevAccount payer, String idempotencyKey) {
    Challenge challenge =
        ((Decision.PaymentRequired) mpp.decide(post(null, idempotencyKey), offers))
            .challenges()
            .get(0);
    String credential =
        PaymentHarness.pullCredential(challenge, payer, CHAIN.merchant().address(), 40_000);
    return mpp.decide(post(credential, idempotencyKey), offers);
  }

  private static BigInteger balance(String address) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, address);
  }

  @Test
  void retryWithSameIdempotencyKeyAndFreshCredentialThenReplayedAndNothingBroadcast() {
    LocalTempoChain.DevAccount first = CHAIN.freshAccount();
    LocalTempoChain.DevAccount second = CHAIN.freshAccount();
    String merchant = CHAIN.merchant().address();
    BigInteger merchantBefore = balance(merchant);
    BigInteger secondBefore = balance(second.address());
    Instant from = Instant.now().minus(Duration.ofHours(1));

    Decision paid = pay(first, "order-7");
    assertThat(paid).isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) paid)
        .settlement()
        .complete(
            Served.status(201)
                .replayable(
                    new StoredResponse(
                        201,
                        Map.of("Location", "/api/orders/7"),
                        "{\"order\":7}".getBytes(StandardCharsets.UTF_8))));

    Decision retry = pay(second, "order-7");

    assertThat(retry).isInstanceOf(Decision.Replayed.class);
    StoredResponse replayed = ((Decision.Replayed) retry).response();
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.headers()).containsEntry("Location", "/api/orders/7");
    assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":7}");
    assertThat(proxy.calls("eth_sendRawTransactionSync")).isEqualTo(1);
    assertThat(balance(merchant)).isEqualTo(merchantBefore.add(BigInteger.valueOf(40_000)));
    assertThat(balance(second.address())).as("the retrying payer").isEqualTo(secondBefore);
    assertThat(ledger.query(LedgerQuery.between(from, Instant.now().plusSeconds(3600)).build()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.idempotencyKey()).isEqualTo("order-7");
              assertThat(e.reference()).isEqualTo(((Decision.Paid) paid).payment().reference());
            });
  }
}
