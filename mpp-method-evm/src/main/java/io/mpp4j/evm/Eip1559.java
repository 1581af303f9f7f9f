package io.mpp4j.evm;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.util.List;

/**
 * A signed EIP-1559 (type 2) transaction without an access list: {@code 0x02 || rlp([chainId,
 * nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, [], yParity, r, s])}, signed
 * over the keccak-256 of the same without the signature.
 *
 * @param chainId EIP-155 chain id
 * @param nonce the sender's account nonce
 * @param maxPriorityFeePerGas tip, wei
 * @param maxFeePerGas cap, wei
 * @param gas gas limit
 * @param to the called contract
 * @param value wei sent
 * @param data calldata
 */
record Eip1559(
    long chainId,
    BigInteger nonce,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerGas,
    BigInteger gas,
    String to,
    BigInteger value,
    byte[] data) {

  static final byte TYPE = 0x02;

  /** The raw signed transaction of this transaction signed with {@code privateKey}. */
  byte[] sign(BigInteger privateKey) {
    byte[] unsigned = typed(Rlp.encode(Rlp.list(fields())));
    Secp256k1.Signature signature = Secp256k1.sign(Keccak.hash(unsigned), privateKey);
    List<Rlp.Item> signed = new java.util.ArrayList<>(fields());
    signed.add(Rlp.integer(signature.yParity()));
    signed.add(Rlp.integer(signature.r()));
    signed.add(Rlp.integer(signature.s()));
    return typed(Rlp.encode(Rlp.list(signed)));
  }

  private List<Rlp.Item> fields() {
    return List.of(
        Rlp.integer(chainId),
        Rlp.integer(nonce),
        Rlp.integer(maxPriorityFeePerGas),
        Rlp.integer(maxFeePerGas),
        Rlp.integer(gas),
        Rlp.bytes(Hex.decode(to, 20)),
        Rlp.integer(value),
        Rlp.bytes(data),
        Rlp.list());
  }

  private static byte[] typed(byte[] rlp) {
    byte[] out = new byte[rlp.length + 1];
    out[0] = TYPE;
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }
}
