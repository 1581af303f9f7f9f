package io.mpp4j.tempo;

import static io.mpp4j.tempo.PaymentHarness.detail;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static io.mpp4j.tempo.PaymentHarness.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pull transactions the chain would not include now are refused before anything is broadcast
 * (TIP-1009 nonces): a lane-0 nonce the account already used, and an expiring-nonce transaction
 * valid for longer than {@code maxExpiringWindow} (2 minutes by default).
 */
class LocalChainNonceRefusalTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private RpcFaultProxy proxy;
  private PaymentHarness server;

  @BeforeEach
  void start() throws Exception {
    proxy = RpcFaultProxy.start(CHAIN.rpcUrl());
    server =
        new PaymentHarness(
            CHAIN.merchantMethod().rpcUrl(proxy.url()).build(), null, PaymentHarness.price("0.03"));
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static TestPayer payment(LocalTempoChain.DevAccount payer, Challenge challenge) {
    return TestPayer.from(payer)
        .transfer(
            LocalTempoChain.PATH_USD,
            CHAIN.merchant().address(),
            30_000,
            Attribution.encode(PaymentHarness.REALM, null, challenge.id()));
  }

  private static BigInteger balance(String address) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, address);
  }

  @Test
  void pullWhenLaneZeroNonceAlreadyUsedThenRefusedBeforeBroadcast() {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    TestPayer.from(payer)
        .nonceKey(BigInteger.ZERO)
        .nonce(0)
        .transfer(LocalTempoChain.PATH_USD, CHAIN.sponsor().address(), 1, null)
        .broadcast(CHAIN);
    BigInteger merchantBefore = balance(CHAIN.merchant().address());
    BigInteger payerBefore = balance(payer.address());
    Challenge challenge = server.challenge();
    TestPayer stale = payment(payer, challenge).nonceKey(BigInteger.ZERO).nonce(0);

    Decision decision = server.pay(challenge, transaction(stale.signedHex()), payer.did());

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("nonce was already used");
    assertThat(proxy.calls("eth_sendRawTransactionSync")).isZero();
    assertThat(balance(CHAIN.merchant().address())).isEqualTo(merchantBefore);
    assertThat(balance(payer.address())).isEqualTo(payerBefore);
  }

  @Test
  void pullWhenExpiringNonceValidLongerThanTheWindowThenRefusedBeforeBroadcast() {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger merchantBefore = balance(CHAIN.merchant().address());
    Challenge challenge = server.challenge();
    // within the challenge's 5 minutes, beyond the 2-minute expiring-nonce window
    TestPayer tooLong = payment(payer, challenge).validBefore(Instant.now().getEpochSecond() + 200);

    Decision decision = server.pay(challenge, transaction(tooLong.signedHex()), payer.did());

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("at most 120 seconds");
    assertThat(proxy.calls("eth_sendRawTransactionSync")).isZero();
    assertThat(balance(CHAIN.merchant().address())).isEqualTo(merchantBefore);
  }
}
