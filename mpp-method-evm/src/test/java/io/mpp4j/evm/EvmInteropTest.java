package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official x402 client and mppx's evm client pay one route on a plain anvil chain with Circle's
 * USDC, each once; replays, tampered x402 requirements and an unbound MPP nonce are refused, the
 * last three before any transaction is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvmInteropTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();

  private LocalEvmChain.Account merchant;
  private FortuneApp app;

  @BeforeAll
  void start() throws Exception {
    merchant = CHAIN.randomAccount();
    app = new FortuneApp(CHAIN.method(merchant.address()).build(), null);
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  private BigInteger merchantBalance() {
    return CHAIN.balance(merchant.address());
  }

  private BigInteger settlements() {
    return CHAIN.transactionCount(CHAIN.settler().address());
  }

  @Test
  void x402ClientWhenPayingThenSettledOnceAndReplaysRefused() throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    BigInteger before = merchantBalance();

    JsonNode paid = EvmClients.x402(app.url(), payer, null);

    assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
    assertThat(paid.path("body").asText()).contains("thousand miles");
    JsonNode settlement = paid.path("paymentResponse");
    assertThat(settlement.path("success").asBoolean()).isTrue();
    assertThat(settlement.path("network").asText()).isEqualTo("eip155:31337");
    assertThat(settlement.path("payer").asText()).isEqualToIgnoringCase(payer.address());
    String hash = settlement.path("transaction").asText();
    assertThat(merchantBalance().subtract(before)).isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(40_000));
    List<LedgerEntry> ledger =
        app.mpp
            .ledger()
            .query(LedgerQuery.between(Instant.EPOCH, Instant.now().plusSeconds(60)).build());
    assertThat(ledger)
        .filteredOn(e -> hash.equals(e.reference()))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));

    BigInteger sent = settlements();
    String signature = paid.path("signature").asText();
    HttpResponse<String> replay = Payers.get(app.url(), "PAYMENT-SIGNATURE", signature);
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(Payers.decode(Payers.paymentRequired(replay)).path("error").asText())
        .isEqualTo("Challenge has already been used.");

    String fresh = Payers.paymentRequired(Payers.get(app.url()));
    HttpResponse<String> rebound =
        Payers.get(app.url(), "PAYMENT-SIGNATURE", Payers.rebind(signature, fresh));
    assertThat(rebound.statusCode()).isEqualTo(402);
    assertThat(rebound.body()).contains("verification-failed");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(merchantBalance().subtract(before)).isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));
  }

  @Test
  void mppxEvmClientWhenPayingThenSettledOnceAndReplayRefused() throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    BigInteger before = merchantBalance();

    JsonNode paid = EvmClients.mppx(app.url(), payer);

    assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
    JsonNode receipt = paid.path("receipt");
    assertThat(receipt.path("method").asText()).isEqualTo("evm");
    assertThat(receipt.path("reference").asText()).startsWith("0x").hasSize(66);
    assertThat(merchantBalance().subtract(before)).isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));

    BigInteger sent = settlements();
    HttpResponse<String> replay =
        Payers.get(app.url(), "Authorization", paid.path("credential").asText());
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.body()).contains("invalid-challenge");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(merchantBalance().subtract(before)).isEqualTo(BigInteger.valueOf(FortuneApp.PRICE));
  }

  @Test
  void x402ClientWhenAmountLoweredThenRefusedBeforeAnyTransaction() throws Exception {
    assertRefusedWithoutTransaction("amount=1");
  }

  @Test
  void x402ClientWhenRecipientChangedThenRefusedBeforeAnyTransaction() throws Exception {
    assertRefusedWithoutTransaction("payTo=" + CHAIN.randomAccount().address());
  }

  private void assertRefusedWithoutTransaction(String tamper) throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    BigInteger sent = settlements();
    BigInteger before = merchantBalance();

    JsonNode refused = EvmClients.x402(app.url(), payer, tamper);

    assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(402);
    assertThat(refused.path("signature").asText()).isNotEmpty();
    assertThat(refused.path("paymentRequired").path("error").asText())
        .isEqualTo("The x402 payment does not echo a requirement this server issued.");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(merchantBalance()).isEqualTo(before);
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(50_000));
  }

  @Test
  void mppAuthorizationWhenNonceNotBoundToChallengeThenRefusedBeforeAnyTransaction()
      throws Exception {
    LocalEvmChain.Account payer = CHAIN.payer(50_000);
    BigInteger sent = settlements();
    Challenge challenge = Payers.evmChallenge(Payers.get(app.url()));

    HttpResponse<String> refused =
        Payers.get(
            app.url(),
            "Authorization",
            Payers.unboundNonceCredential(
                CHAIN, challenge, payer, merchant.address(), FortuneApp.PRICE));

    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body())
        .contains("verification-failed")
        .contains("nonce is not bound to this challenge");
    assertThat(settlements()).isEqualTo(sent);
    assertThat(CHAIN.balance(payer.address())).isEqualTo(BigInteger.valueOf(50_000));
  }
}
