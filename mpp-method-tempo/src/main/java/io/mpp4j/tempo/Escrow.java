package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The v1 session escrow ({@code TempoStreamChannel}) as the reference client 0.11 speaks it
 * (draft-tempo-session-00 §"Contract Functions"; protocol notes 3.5): the calls a client's open and
 * top-up transactions carry, the server's settle and close calls, the channel read back with {@code
 * getChannel}, and the {@code CloseRequested} event.
 */
final class Escrow {
  static final byte[] OPEN = Abi.selector("open(address,address,uint128,bytes32,address)");
  static final byte[] TOP_UP = Abi.selector("topUp(bytes32,uint256)");
  static final byte[] SETTLE = Abi.selector("settle(bytes32,uint128,bytes)");
  static final byte[] CLOSE = Abi.selector("close(bytes32,uint128,bytes)");
  static final byte[] GET_CHANNEL = Abi.selector("getChannel(bytes32)");
  static final byte[] APPROVE = Abi.selector("approve(address,uint256)");
  static final String CLOSE_REQUESTED_TOPIC =
      Hex.encode(Keccak.hash("CloseRequested(bytes32,address,address,uint256)"));
  static final BigInteger UINT128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private Escrow() {}

  /** The arguments of an {@code open} call. */
  record Open(String payee, String token, BigInteger deposit, String salt, String signer) {}

  /** The arguments of a {@code topUp} call. */
  record TopUp(String channelId, BigInteger amount) {}

  /** An {@code approve} call's spender and amount. */
  record Approve(String spender, BigInteger amount) {}

  /**
   * A channel as {@code getChannel} returns it: {@code (finalized, closeRequestedAt, payer, payee,
   * token, authorizedSigner, deposit, settled)}. A channel that never existed has a zero payer.
   */
  record OnChain(
      boolean finalized,
      long closeRequestedAt,
      String payer,
      String payee,
      String token,
      String authorizedSigner,
      BigInteger deposit,
      BigInteger settled) {

    boolean exists() {
      return !Hex.isZeroAddress(payer);
    }

    /** Who signs vouchers: the authorized signer, or the payer when it is zero. */
    String voucherSigner() {
      return Hex.isZeroAddress(authorizedSigner) ? payer : authorizedSigner;
    }
  }

  static Optional<Open> decodeOpen(byte[] data) {
    if (data.length != 4 + 5 * 32 || !Abi.startsWith(data, OPEN)) {
      return Optional.empty();
    }
    Optional<String> payee = Abi.addressAt(data, 4, 0);
    Optional<String> token = Abi.addressAt(data, 4, 1);
    Optional<String> signer = Abi.addressAt(data, 4, 4);
    BigInteger deposit = Abi.uintAt(data, 4, 2);
    if (payee.isEmpty() || token.isEmpty() || signer.isEmpty() || deposit.bitLength() > 128) {
      return Optional.empty();
    }
    return Optional.of(
        new Open(
            payee.get(), token.get(), deposit, Hex.encode(Abi.word(data, 4, 3)), signer.get()));
  }

  static Optional<TopUp> decodeTopUp(byte[] data) {
    if (data.length != 4 + 2 * 32 || !Abi.startsWith(data, TOP_UP)) {
      return Optional.empty();
    }
    return Optional.of(new TopUp(Hex.encode(Abi.word(data, 4, 0)), Abi.uintAt(data, 4, 1)));
  }

  static Optional<Approve> decodeApprove(byte[] data) {
    if (data.length != 4 + 2 * 32 || !Abi.startsWith(data, APPROVE)) {
      return Optional.empty();
    }
    return Abi.addressAt(data, 4, 0).map(spender -> new Approve(spender, Abi.uintAt(data, 4, 1)));
  }

  static byte[] settle(String channelId, BigInteger cumulative, byte[] signature) {
    return Abi.callWithBytes(SETTLE, signature, Abi.bytes32(channelId), Abi.uint(cumulative));
  }

  static byte[] close(String channelId, BigInteger cumulative, byte[] signature) {
    return Abi.callWithBytes(CLOSE, signature, Abi.bytes32(channelId), Abi.uint(cumulative));
  }

  static byte[] getChannel(String channelId) {
    return Abi.call(GET_CHANNEL, Abi.bytes32(channelId));
  }

  /**
   * Decodes {@code getChannel}'s return data.
   *
   * @throws IllegalArgumentException when it is not that struct
   */
  static OnChain decodeChannel(byte[] data) {
    if (data.length != 8 * 32) {
      throw new IllegalArgumentException("getChannel returned " + data.length + " bytes");
    }
    BigInteger finalized = Abi.uintAt(data, 0, 0);
    BigInteger closeRequestedAt = Abi.uintAt(data, 0, 1);
    if (finalized.bitLength() > 1 || closeRequestedAt.bitLength() > 63) {
      throw new IllegalArgumentException("getChannel returned malformed words");
    }
    return new OnChain(
        finalized.signum() == 1,
        closeRequestedAt.longValueExact(),
        address(data, 2),
        address(data, 3),
        address(data, 4),
        address(data, 5),
        Abi.uintAt(data, 0, 6),
        Abi.uintAt(data, 0, 7));
  }

  private static String address(byte[] data, int index) {
    return Abi.addressAt(data, 0, index)
        .orElseThrow(() -> new IllegalArgumentException("getChannel returned a dirty address"));
  }

  /**
   * The v1 channel id: {@code keccak256(abi.encode(payer, payee, token, salt, authorizedSigner,
   * escrow, chainId))} (draft-tempo-session-00 §"Contract-Backed Channel State").
   */
  static String channelId(
      String payer,
      String payee,
      String token,
      String salt,
      String authorizedSigner,
      String escrow,
      long chainId) {
    return Hex.encode(
        Keccak.hash(
            Abi.words(
                Abi.address(payer),
                Abi.address(payee),
                Abi.address(token),
                Abi.bytes32(salt),
                Abi.address(authorizedSigner),
                Abi.address(escrow),
                Abi.uint(BigInteger.valueOf(chainId)))));
  }
}
