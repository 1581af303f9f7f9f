package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Vectors A, B and C of protocol notes 2.4 (computed with ox), reproduced byte for byte. */
class TempoTransactionVectorsTest {
  static final String SENDER_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  static final String SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  static final String FEE_PAYER_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  static final String FEE_PAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  static final String TRANSFER_CALLDATA =
      "0xa9059cbb000000000000000000000000742d35cc6634c0532925a3b844bc9e7595f8fe00"
          + "00000000000000000000000000000000000000000000000000000000000f4240";

  static final String A =
      "0x76f8d582a5bf843b9aca008504a817c800830186a0f85ef85c9420c00000000000000000000000000000"
          + "0000000080b844a9059cbb000000000000000000000000742d35cc6634c0532925a3b844bc9e7595f8fe00"
          + "00000000000000000000000000000000000000000000000000000000000f4240c0808084677bc6ec809420"
          + "c000000000000000000000000000000000000080c0b841b8038fdf6b90bbe9facc24f7f574e47ec9bdc9c0"
          + "e1a0e1493b6df63f272d0be240351b0dcfe11ce2def32e0db654dab897acd24ba41b723145a418463f8142"
          + "ea1b";
  static final String B =
      "0x76f8c182a5bf843b9aca008504a817c800830186a0f85ef85c9420c00000000000000000000000000000"
          + "0000000080b844a9059cbb000000000000000000000000742d35cc6634c0532925a3b844bc9e7595f8fe00"
          + "00000000000000000000000000000000000000000000000000000000000f4240c0808084677bc6ec808000"
          + "c0b8418598fa843ab3bb39e9fbe59609173debb6c60027ac0074e64a25b2b9e56152010be578854e706d3c"
          + "824d10ff497d517b7627578cdccc5cec2bff27393ea0151e1b";
  static final String C =
      "0x76f9011982a5bf843b9aca008504a817c800830186a0f85ef85c9420c000000000000000000000000000"
          + "000000000080b844a9059cbb000000000000000000000000742d35cc6634c0532925a3b844bc9e7595f8fe"
          + "0000000000000000000000000000000000000000000000000000000000000f4240c0808084677bc6ec8094"
          + "20c0000000000000000000000000000000000000f84301a029ad34403ab61e981169c744d63dbbe962ee21"
          + "ab5e3251de15cc157cd1b74595a0241f02c6d9cf43f3fd9f3971e0998fc67fd2037b62be3cfedd399be700"
          + "8ce2c7c0b8418598fa843ab3bb39e9fbe59609173debb6c60027ac0074e64a25b2b9e56152010be578854e"
          + "706d3c824d10ff497d517b7627578cdccc5cec2bff27393ea0151e1b";

  @Test
  void decodeVectorAThenFieldsSenderAndHashMatch() {
    TempoTransaction tx = TempoTransaction.decode(Hex.decode(A));

    assertThat(tx.chainId()).isEqualTo(42431);
    assertThat(tx.maxPriorityFeePerGas()).isEqualTo(new BigInteger("1000000000"));
    assertThat(tx.maxFeePerGas()).isEqualTo(new BigInteger("20000000000"));
    assertThat(tx.gasLimit()).isEqualTo(100000);
    assertThat(tx.calls()).hasSize(1);
    assertThat(tx.calls().get(0).to()).isEqualTo(TempoMethod.PATH_USD);
    assertThat(Hex.encode(tx.calls().get(0).input())).isEqualTo(TRANSFER_CALLDATA);
    assertThat(tx.nonceKey()).isZero();
    assertThat(tx.nonce()).isZero();
    assertThat(tx.validBefore()).isEqualTo(1736165100);
    assertThat(tx.validAfter()).isNull();
    assertThat(tx.feeToken()).isEqualTo(TempoMethod.PATH_USD);
    assertThat(tx.feePayer()).isInstanceOf(TempoTransaction.NoFeePayer.class);
    assertThat(Hex.encode(tx.senderSigningHash()))
        .isEqualTo("0x0f4beef8e3cb7decfa22b490c8ad5a9718f8ab7527d2ca9041022f9a0902c023");
    assertThat(tx.sender()).isEqualTo(SENDER);
    assertThat(Hex.encode(tx.hash()))
        .isEqualTo("0xb71a7e64351b25dea3449876e0cece3ae07ef4693106472b540fd2c7718d31ee");
    assertThat(Hex.encode(tx.encode())).isEqualTo(A);
  }

  @Test
  void signVectorAThenSignatureIsByteIdentical() {
    TempoTransaction unsigned = TempoTransaction.decode(Hex.decode(A)).withSenderSignature(null);
    Secp256k1.Signature sig = Secp256k1.sign(unsigned.senderSigningHash(), key(SENDER_KEY));

    assertThat(Hex.encode(unsigned.withSenderSignature(sig.toBytes65()).encode())).isEqualTo(A);
  }

  @Test
  void decodeVectorBThenAwaitingFeePayerAndSenderRecovered() {
    TempoTransaction tx = TempoTransaction.decode(Hex.decode(B));

    assertThat(tx.feePayer()).isInstanceOf(TempoTransaction.AwaitingFeePayer.class);
    assertThat(tx.feeToken()).isNull();
    assertThat(Hex.encode(tx.senderSigningHash()))
        .isEqualTo("0xa263b34ceb83516beaa6d3e0b8f4eb69c852fea2578e5910ae204c6b0c71aed4");
    assertThat(tx.sender()).isEqualTo(SENDER);
    assertThat(Hex.encode(tx.encode())).isEqualTo(B);
  }

  @Test
  void cosignVectorBThenVectorCByteForByte() {
    TempoTransaction b = TempoTransaction.decode(Hex.decode(B));
    Sponsor sponsor = new Sponsor(key(FEE_PAYER_KEY), TempoSponsorPolicy.defaults(), null);

    TempoTransaction c = sponsor.cosign(b, b.sender(), TempoMethod.PATH_USD);

    assertThat(sponsor.address()).isEqualTo(FEE_PAYER);
    assertThat(Hex.encode(c.feePayerSigningHash(SENDER)))
        .isEqualTo("0x4419c170ebb3c9b103fb681cad80085037a58d5863e6c3b6230bebbe14e9087d");
    assertThat(Hex.encode(c.encode())).isEqualTo(C);
    assertThat(Hex.encode(c.hash()))
        .isEqualTo("0x03809e713fd79fadda6f93ddf4d051f57e56f9c9f83d9f3f47115d8d8d2073e0");
    assertThat(c.sender()).isEqualTo(SENDER);
  }

  @Test
  void decodeVectorCThenFeePayerSignatureRecoversSponsor() {
    TempoTransaction c = TempoTransaction.decode(Hex.decode(C));

    TempoTransaction.FeePayerSignature slot = (TempoTransaction.FeePayerSignature) c.feePayer();
    assertThat(Secp256k1.recover(c.feePayerSigningHash(SENDER), slot.signature()))
        .contains(FEE_PAYER);
    assertThat(Hex.encode(c.encode())).isEqualTo(C);
  }

  @Test
  void feePayerFormThenSameSenderAndConvertsBackToVectorB() {
    TempoTransaction b = TempoTransaction.decode(Hex.decode(B));
    TempoTransaction form78 = b.withFeePayer(new TempoTransaction.SenderAddress(SENDER));
    byte[] wire = form78.encode();

    TempoTransaction decoded = TempoTransaction.decode(wire);

    assertThat(wire[0]).isEqualTo((byte) 0x78);
    assertThat(decoded.sender()).isEqualTo(SENDER);
    assertThat(Hex.encode(decoded.withFeePayer(new TempoTransaction.AwaitingFeePayer()).encode()))
        .isEqualTo(B);
  }

  @Test
  void feePayerFormNamingAnotherSenderThenRefused() {
    TempoTransaction b = TempoTransaction.decode(Hex.decode(B));
    TempoTransaction lying = b.withFeePayer(new TempoTransaction.SenderAddress(FEE_PAYER));

    assertThatThrownBy(() -> TempoTransaction.decode(lying.encode()).sender())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another sender");
  }

  @Test
  void highSSenderSignatureThenRefused() {
    TempoTransaction a = TempoTransaction.decode(Hex.decode(A));
    Secp256k1.Signature sig = Secp256k1.Signature.fromBytes65(a.senderSignature().value());
    Secp256k1.Signature high =
        new Secp256k1.Signature(sig.r(), Secp256k1.N.subtract(sig.s()), 1 - sig.yParity());

    assertThatThrownBy(() -> a.withSenderSignature(high.toBytes65()).sender())
        .hasMessageContaining("low s");
  }

  @Test
  void wrongTypeByteOrTrailingBytesThenRefused() {
    byte[] a = Hex.decode(A);
    byte[] wrongType = a.clone();
    wrongType[0] = 0x02;
    byte[] trailing = java.util.Arrays.copyOf(a, a.length + 1);

    assertThatThrownBy(() -> TempoTransaction.decode(wrongType))
        .isInstanceOf(Rlp.RlpException.class);
    assertThatThrownBy(() -> TempoTransaction.decode(trailing))
        .isInstanceOf(Rlp.RlpException.class);
  }

  static BigInteger key(String hex) {
    return Secp256k1.privateKey(Hex.decode(hex, 32));
  }
}
