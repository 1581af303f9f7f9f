package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and signs real Tempo transactions the way a payer's wallet does (public for the example
 * module's tests).
 */
public final class TestPayer {
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final BigInteger key;
  private final long chainId;
  private final List<TempoTransaction.Call> calls = new ArrayList<>();
  private BigInteger nonceKey = TempoTransaction.EXPIRING_NONCE_KEY;
  private BigInteger nonce = BigInteger.ZERO;
  private BigInteger gas = BigInteger.valueOf(500_000);
  private BigInteger maxFeePerGas = GWEI.multiply(BigInteger.valueOf(20));
  private BigInteger validBefore = BigInteger.valueOf(Instant.now().getEpochSecond() + 25);
  private String feeToken = LocalTempoChain.PATH_USD;
  private boolean sponsored;

  TestPayer(BigInteger key, long chainId) {
    this.key = key;
    this.chainId = chainId;
  }

  public static TestPayer from(LocalTempoChain.DevAccount account) {
    return new TestPayer(account.key(), LocalTempoChain.CHAIN_ID);
  }

  public TestPayer transfer(String token, String to, long amount, String memo) {
    return call(token, Tip20.encodeTransfer(to, BigInteger.valueOf(amount), memo));
  }

  TestPayer call(String to, byte[] data) {
    calls.add(new TempoTransaction.Call(to, BigInteger.ZERO, data));
    return this;
  }

  public TestPayer nonceKey(BigInteger value) {
    this.nonceKey = value;
    return this;
  }

  /** The sequence number within the nonce key; with key {@code 0}, the account's protocol nonce. */
  public TestPayer nonce(long value) {
    this.nonce = BigInteger.valueOf(value);
    return this;
  }

  TestPayer gas(long value) {
    this.gas = BigInteger.valueOf(value);
    return this;
  }

  TestPayer maxFeePerGas(BigInteger value) {
    this.maxFeePerGas = value;
    return this;
  }

  /** {@code 0} leaves {@code valid_before} unset. */
  TestPayer validBefore(long epochSeconds) {
    this.validBefore = epochSeconds == 0 ? null : BigInteger.valueOf(epochSeconds);
    return this;
  }

  TestPayer feeToken(String token) {
    this.feeToken = token;
    return this;
  }

  /** Leaves fee token and fee-payer signature for the server (placeholder {@code 0x00}). */
  TestPayer sponsored() {
    this.sponsored = true;
    this.feeToken = null;
    return this;
  }

  TempoTransaction unsigned() {
    return new TempoTransaction(
        BigInteger.valueOf(chainId),
        GWEI,
        maxFeePerGas,
        gas,
        calls,
        Rlp.list(),
        nonceKey,
        nonce,
        validBefore,
        null,
        feeToken,
        sponsored ? new TempoTransaction.AwaitingFeePayer() : new TempoTransaction.NoFeePayer(),
        Rlp.list(),
        null,
        null);
  }

  TempoTransaction signed() {
    TempoTransaction tx = unsigned();
    Secp256k1.Signature signature = Secp256k1.sign(tx.senderSigningHash(), key);
    return tx.withSenderSignature(signature.toBytes65());
  }

  /** The signed transaction as a pull-mode payload value. */
  public String signedHex() {
    return Hex.encode(signed().encode());
  }

  /** The transaction hash of the signed transaction. */
  public String hash() {
    return Hex.encode(signed().hash());
  }

  /** The challenge-bound attribution memo the reference client puts in its transfer. */
  public static String attributionMemo(String realm, String challengeId) {
    return Attribution.encode(realm, null, challengeId);
  }

  /** Broadcasts the signed transaction (push mode) and returns its receipt. */
  JsonNode broadcast(LocalTempoChain chain) {
    return chain.rpc("eth_sendRawTransactionSync", signedHex());
  }
}
