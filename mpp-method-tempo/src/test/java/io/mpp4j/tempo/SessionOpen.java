package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code open} credential payload built part by part, the way a payer's wallet signs it (the
 * {@code 0x76} transaction {@code approve(escrow, deposit)} then {@code open(payee, token, deposit,
 * salt, signer)}, and the first voucher), so that a test can change one part: the chain, the fee
 * token, the calls, the validity, the channel's arguments, the authorized signer, the payload's
 * channel id, the signatures. Untouched, it opens a valid channel on the harness's escrow.
 */
final class SessionOpen {
  final SessionHarness harness;
  final LocalTempoChain.DevAccount payer;
  long chainId = LocalTempoChain.CHAIN_ID;
  String feeToken = LocalTempoChain.PATH_USD;
  boolean awaitingSponsor;
  BigInteger validBefore = BigInteger.valueOf(Instant.now().getEpochSecond() + 25);
  String approveToken = LocalTempoChain.PATH_USD;
  byte[] firstCall;
  String escrow;
  String payee;
  String token = LocalTempoChain.PATH_USD;
  BigInteger deposit;
  String salt;
  String signer;
  BigInteger openValue = BigInteger.ZERO;
  final List<TempoTransaction.Call> extraCalls = new ArrayList<>();
  boolean dropApprove;

  /** The payload's {@code channelId}; null: the id the transaction's arguments give. */
  String payloadChannelId;

  /** The payload's {@code authorizedSigner}; null: the transaction's signer. */
  String payloadSigner;

  /** The key that signs the first voucher; the signer's (or the payer's) by default. */
  BigInteger voucherKey;

  long cumulative = 1_000;
  boolean highS;
  BigInteger sponsorKey;

  SessionOpen(SessionHarness harness, LocalTempoChain.DevAccount payer, long deposit) {
    this.harness = harness;
    this.payer = payer;
    this.escrow = harness.escrow;
    this.payee = harness.chain.merchant().address();
    this.deposit = BigInteger.valueOf(deposit);
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    this.salt = Hex.encode(random);
    this.signer = payer.address();
  }

  /** The channel id the open transaction's arguments give (on the harness's escrow and chain). */
  String channelId() {
    return Escrow.channelId(
        payer.address(), payee, token, salt, signer, harness.escrow, LocalTempoChain.CHAIN_ID);
  }

  /** The channel as the harness knows it, to send vouchers on. */
  SessionHarness.Channel channel() {
    return new SessionHarness.Channel(
        payloadChannelId != null ? payloadChannelId : channelId(), payer, salt, deposit);
  }

  TempoTransaction transaction() {
    List<TempoTransaction.Call> calls = new ArrayList<>();
    if (!dropApprove) {
      calls.add(
          new TempoTransaction.Call(
              approveToken,
              BigInteger.ZERO,
              firstCall != null ? firstCall : SessionHarness.approve(escrow, deposit)));
    }
    calls.add(
        new TempoTransaction.Call(
            escrow,
            openValue,
            Abi.call(
                Escrow.OPEN,
                Abi.address(payee),
                Abi.address(token),
                Abi.uint(deposit),
                Abi.bytes32(salt),
                Abi.address(signer))));
    calls.addAll(extraCalls);
    TempoTransaction unsigned =
        new TempoTransaction(
            BigInteger.valueOf(chainId),
            TestPayer.GWEI,
            TestPayer.GWEI.multiply(BigInteger.valueOf(20)),
            BigInteger.valueOf(1_500_000),
            calls,
            Rlp.list(),
            TempoTransaction.EXPIRING_NONCE_KEY,
            BigInteger.ZERO,
            validBefore,
            null,
            awaitingSponsor ? null : feeToken,
            awaitingSponsor
                ? new TempoTransaction.AwaitingFeePayer()
                : new TempoTransaction.NoFeePayer(),
            Rlp.list(),
            null,
            null);
    Secp256k1.Signature signature = Secp256k1.sign(unsigned.senderSigningHash(), payer.key());
    if (highS) {
      signature =
          new Secp256k1.Signature(
              signature.r(), Secp256k1.N.subtract(signature.s()), 1 - signature.yParity());
    }
    TempoTransaction signed = unsigned.withSenderSignature(signature.toBytes65());
    if (sponsorKey == null) {
      return signed;
    }
    TempoTransaction withToken =
        signed
            .withFeeToken(LocalTempoChain.PATH_USD)
            .withFeePayer(new TempoTransaction.AwaitingFeePayer());
    Secp256k1.Signature cosignature =
        Secp256k1.sign(withToken.feePayerSigningHash(payer.address()), sponsorKey);
    return withToken.withFeePayer(new TempoTransaction.FeePayerSignature(cosignature));
  }

  /** The hash of the transaction as signed here (what the chain would know it by). */
  String transactionHash() {
    return Hex.encode(transaction().hash());
  }

  ObjectNode payload() {
    String id = payloadChannelId != null ? payloadChannelId : channelId();
    BigInteger key = voucherKey != null ? voucherKey : payer.key();
    ObjectNode payload = Json.object();
    payload.put("action", "open");
    payload.put("type", "transaction");
    payload.put("channelId", id);
    payload.put("transaction", Hex.encode(transaction().encode()));
    payload.put("authorizedSigner", payloadSigner != null ? payloadSigner : signer);
    payload.put("cumulativeAmount", Long.toString(cumulative));
    payload.put("signature", harness.sign(id, cumulative, key));
    return payload;
  }
}
