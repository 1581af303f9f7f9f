package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.SessionExceptions;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Voucher digests and signature checks against the vectors of protocol notes 3.6. */
class VoucherTest {
  private static final String CHANNEL =
      "0x6d0f4fdf1f2f6a1f6c1b0fbd6a7d5c2c0a8d3d7b1f6a9c1b3e2d4a5b6c7d8e9f";
  private static final String ANVIL0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String MODERATO_ESCROW = "0x9d136eEa063eDE5418A6BC7bEafF009bBb6CFa70";
  private static final String V1_SIGNATURE =
      "0xbda264729f269e8bb2ea892a07175e72826cc02602bfb92ae8f587ff25c325686a4e29f28404a0a12a80165c604e33339c9abd00e24d0e9bafac7face3555c661b";

  @Test
  void digestWhenV1VectorThenDomainSeparatorAndDigestMatch() {
    byte[] domain = Voucher.domainSeparator(Voucher.Protocol.V1, 42431, MODERATO_ESCROW);
    byte[] digest =
        Voucher.digest(domain, Voucher.Protocol.V1, CHANNEL, BigInteger.valueOf(250_000));

    assertThat(Hex.encode(domain))
        .isEqualTo("0x4898f4d51296266af964f97e993553855254242af663fcb46ddf740b9ac170fa");
    assertThat(Hex.encode(digest))
        .isEqualTo("0xf86e4409f30e1794185156e08bb3594af1238d258b6f878716a02861b67655fb");
    Voucher.verify(digest, V1_SIGNATURE, ANVIL0, CHANNEL);
  }

  @Test
  void digestWhenV2VectorThenMatchesThePrecompilePayload() {
    byte[] digest =
        Voucher.digest(
            Voucher.Protocol.V2,
            4217,
            ChannelDescriptor.PRECOMPILE,
            CHANNEL,
            BigInteger.valueOf(250_000));

    assertThat(Hex.encode(digest))
        .isEqualTo("0xd5bfe25065b42ddfd5b4c0da1e2f5193d9ca5c3675e0e427662937ad3843eba4");
    Voucher.verify(
        digest,
        "0xbccbebbaed82f1c88b893faeda91c335c87f3b8dab2d4316e46c8aef9263811b6c81e24e6644f49f3996fd0e05b798e902671efcbbd2cc7db64902254a2b3b8a1b",
        ANVIL0,
        CHANNEL);
  }

  @Test
  void typeHashesWhenComputedThenMatchTheNotes() {
    assertThat(Hex.encode(Voucher.Protocol.V1.typeHash))
        .isEqualTo("0xe97c93f01d3ef8eaba1586553df13308f236815bf4ea49c7b696895d8f5ea68a");
    assertThat(Hex.encode(Voucher.Protocol.V2.typeHash))
        .isEqualTo("0x4730b4b2fe8de522475e80e010877c5b58ad10eb07fd0436615ee123f743bbe8");
  }

  @Test
  void verifyWhenHighSThenInvalidSignature() {
    byte[] digest = v1Digest();
    Secp256k1.Signature low = Secp256k1.Signature.fromBytes65(Hex.decode(V1_SIGNATURE));
    Secp256k1.Signature high =
        new Secp256k1.Signature(low.r(), Secp256k1.N.subtract(low.s()), 1 - low.yParity());

    assertThatThrownBy(() -> Voucher.verify(digest, Hex.encode(high.toBytes65()), ANVIL0, CHANNEL))
        .isInstanceOf(SessionExceptions.InvalidSignature.class)
        .hasMessageContaining("high s");
  }

  @Test
  void verifyWhenEip2098CompactThenAccepted() {
    Secp256k1.Signature sig = Secp256k1.Signature.fromBytes65(Hex.decode(V1_SIGNATURE));
    BigInteger vs = sig.yParity() == 1 ? sig.s().setBit(255) : sig.s();
    byte[] compact = new byte[64];
    System.arraycopy(Hex.unsigned(sig.r(), 32), 0, compact, 0, 32);
    System.arraycopy(Hex.unsigned(vs, 32), 0, compact, 32, 32);

    Voucher.verify(v1Digest(), Hex.encode(compact), ANVIL0, CHANNEL);
    assertThat(Voucher.canonical(Hex.encode(compact), CHANNEL)).isEqualTo(Hex.decode(V1_SIGNATURE));
  }

  @Test
  void verifyWhenSignedBySomeoneElseThenSignerMismatch() {
    assertThatThrownBy(
            () ->
                Voucher.verify(
                    v1Digest(),
                    V1_SIGNATURE,
                    "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                    CHANNEL))
        .isInstanceOfSatisfying(
            SessionExceptions.SignerMismatch.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.SESSION_SIGNER_MISMATCH));
  }

  @Test
  void verifyWhenMalformedThenInvalidSignature() {
    assertThatThrownBy(() -> Voucher.verify(v1Digest(), "0x1234", ANVIL0, CHANNEL))
        .isInstanceOf(SessionExceptions.InvalidSignature.class);
    assertThatThrownBy(
            () ->
                Voucher.verify(v1Digest(), V1_SIGNATURE.substring(0, 130) + "1d", ANVIL0, CHANNEL))
        .isInstanceOf(SessionExceptions.InvalidSignature.class);
  }

  @Test
  void digestWhenV2AmountAboveUint96ThenRefused() {
    assertThatThrownBy(
            () ->
                Voucher.digest(
                    Voucher.Protocol.V2,
                    4217,
                    ChannelDescriptor.PRECOMPILE,
                    CHANNEL,
                    Voucher.UINT96_MAX.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] v1Digest() {
    return Voucher.digest(
        Voucher.Protocol.V1, 42431, MODERATO_ESCROW, CHANNEL, BigInteger.valueOf(250_000));
  }
}
