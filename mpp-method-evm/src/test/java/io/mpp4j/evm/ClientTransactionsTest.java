package io.mpp4j.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The opt-in {@code transaction} and {@code hash} credentials (the client pays gas), hand-signed on
 * a local chain: each pays once, a replay is refused, a transfer of the wrong amount is refused
 * before it is broadcast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTransactionsTest {
  @RegisterExtension static final LocalEvmChain CHAIN = new LocalEvmChain();
  private static final BigInteger PRICE = BigInteger.valueOf(FortuneApp.PRICE);

  private LocalEvmChain.Account merchant;
  private FortuneApp app;

  @BeforeAll
  void start() throws Exception {
    merchant = CHAIN.randomAccount();
    app =
        new FortuneApp(
            CHAIN
                .method(merchant.address())
                .credentialTypes("authorization", "transaction", "hash")
                .build(),
            null);
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  private String transfer(BigInteger amount) {
    return Abi.call("transfer(address,uint256)", Abi.address(merchant.address()), Abi.uint(amount));
  }

  private String signedTransfer(LocalEvmChain.Account payer, BigInteger amount) {
    BigInteger nonce =
        Hex.quantity(CHAIN.rpc("eth_getTransactionCount", payer.address(), "pending").asText());
    return Hex.encode(
        new Eip1559(
                LocalEvmChain.CHAIN_ID,
                nonce,
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(100_000_000_000L),
                BigInteger.valueOf(100_000),
                CHAIN.token(),
                BigInteger.ZERO,
                Hex.decode(transfer(amount)))
            .sign(payer.key()));
  }

  private HttpResponse<String> pay(String type, String member, String value) throws Exception {
    Challenge challenge = Payers.evmChallenge(Payers.get(app.url()));
    ObjectNode payload = Json.object().put("type", type).put(member, value);
    return Payers.get(app.url(), "Authorization", Payers.nativeCredential(challenge, payload));
  }

  @Test
  void transactionCredentialWhenItTransfersThePriceThenBroadcastOnceAndReplayRefused()
      throws Exception {
    LocalEvmChain.Account payer = CHAIN.devAccount(1);
    CHAIN.mint(payer.address(), 50_000);
    BigInteger before = CHAIN.balance(merchant.address());
    String raw = signedTransfer(payer, PRICE);

    HttpResponse<String> paid = pay("transaction", "signature", raw);
    HttpResponse<String> replay = pay("transaction", "signature", raw);

    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.body()).contains("verification-failed");
    assertThat(CHAIN.balance(merchant.address()).subtract(before)).isEqualTo(PRICE);
  }

  @Test
  void transactionCredentialWhenAmountWrongThenRefusedBeforeBroadcast() throws Exception {
    LocalEvmChain.Account payer = CHAIN.devAccount(2);
    CHAIN.mint(payer.address(), 50_000);
    BigInteger sent = CHAIN.transactionCount(payer.address());

    HttpResponse<String> refused =
        pay("transaction", "signature", signedTransfer(payer, PRICE.subtract(BigInteger.ONE)));

    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body()).contains("does not transfer the price");
    assertThat(CHAIN.transactionCount(payer.address())).isEqualTo(sent);
  }

  @Test
  void hashCredentialWhenTransferMinedThenPaidOnceAndReplayRefused() throws Exception {
    LocalEvmChain.Account payer = CHAIN.devAccount(3);
    CHAIN.mint(payer.address(), 50_000);
    BigInteger before = CHAIN.balance(merchant.address());
    String hash =
        CHAIN
            .send(payer.address(), CHAIN.token(), transfer(PRICE))
            .path("transactionHash")
            .asText();

    HttpResponse<String> paid = pay("hash", "hash", hash);
    HttpResponse<String> replay = pay("hash", "hash", hash);
    String wrong =
        CHAIN
            .send(payer.address(), CHAIN.token(), transfer(BigInteger.ONE))
            .path("transactionHash")
            .asText();
    HttpResponse<String> tooSmall = pay("hash", "hash", wrong);

    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(tooSmall.statusCode()).isEqualTo(402);
    assertThat(tooSmall.body()).contains("did not transfer the price");
    assertThat(CHAIN.balance(merchant.address()).subtract(before))
        .isEqualTo(PRICE.add(BigInteger.ONE));
  }
}
