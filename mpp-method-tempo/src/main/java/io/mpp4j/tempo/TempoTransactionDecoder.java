package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict decoder of Tempo transactions ({@code 0x76}, and the {@code 0x78} fee-payer form): field
 * count, field shapes and integer widths as in tempoxyz/tempo {@code tempo_transaction.rs}, and
 * only canonical RLP, so a decoded transaction re-encodes to the same bytes.
 */
final class TempoTransactionDecoder {
  private TempoTransactionDecoder() {}

  /**
   * Decodes a {@code 0x76} envelope or its {@code 0x78} fee-payer form.
   *
   * @throws Rlp.RlpException when the bytes are not such a transaction
   */
  static TempoTransaction decode(byte[] raw) {
    if (raw.length < 2) {
      throw new Rlp.RlpException("transaction too short");
    }
    int type = raw[0] & 0xff;
    if (type != TempoTransaction.TYPE && type != TempoTransaction.FEE_PAYER_TYPE) {
      throw new Rlp.RlpException("not a Tempo transaction");
    }
    byte[] body = new byte[raw.length - 1];
    System.arraycopy(raw, 1, body, 0, body.length);
    if (!(Rlp.decode(body) instanceof Rlp.Items f) || f.size() < 13 || f.size() > 15) {
      throw new Rlp.RlpException("a Tempo transaction is a list of 13 to 15 fields");
    }
    Rlp.Items keyAuthorization = null;
    Rlp.Bytes signature = null;
    if (f.size() >= 14) {
      if (f.get(13) instanceof Rlp.Items k) {
        keyAuthorization = k;
        if (f.size() == 15) {
          signature = bytes(f.get(14));
        }
      } else if (f.size() == 14) {
        signature = bytes(f.get(13));
      } else {
        throw new Rlp.RlpException("key authorization must be a list");
      }
    }
    List<TempoTransaction.Call> calls = new ArrayList<>();
    for (Rlp.Item item : list(f.get(4)).items()) {
      Rlp.Items call = list(item);
      if (call.size() != 3) {
        throw new Rlp.RlpException("a call is [to, value, input]");
      }
      Rlp.Bytes to = bytes(call.get(0));
      if (!to.isEmpty() && to.length() != 20) {
        throw new Rlp.RlpException("call target must be 20 bytes or empty");
      }
      calls.add(
          new TempoTransaction.Call(
              to.isEmpty() ? null : Hex.encode(to.value()),
              bounded(call.get(1), 256),
              bytes(call.get(2)).value()));
    }
    if (calls.isEmpty()) {
      throw new Rlp.RlpException("a Tempo transaction has at least one call");
    }
    Rlp.Bytes token = bytes(f.get(10));
    if (!token.isEmpty() && token.length() != 20) {
      throw new Rlp.RlpException("fee token must be 20 bytes or empty");
    }
    return new TempoTransaction(
        bounded(f.get(0), 64),
        bounded(f.get(1), 128),
        bounded(f.get(2), 128),
        bounded(f.get(3), 64),
        calls,
        list(f.get(5)),
        bounded(f.get(6), 256),
        bounded(f.get(7), 64),
        optional(bounded(f.get(8), 64)),
        optional(bounded(f.get(9), 64)),
        token.isEmpty() ? null : Hex.encode(token.value()),
        feePayerSlot(type, f.get(11)),
        list(f.get(12)),
        keyAuthorization,
        signature);
  }

  private static TempoTransaction.FeePayerSlot feePayerSlot(int type, Rlp.Item item) {
    if (type == TempoTransaction.FEE_PAYER_TYPE) {
      Rlp.Bytes sender = bytes(item);
      if (sender.length() != 20) {
        throw new Rlp.RlpException("the 0x78 form carries the sender address");
      }
      return new TempoTransaction.SenderAddress(Hex.encode(sender.value()));
    }
    if (item instanceof Rlp.Items sig) {
      if (sig.size() != 3) {
        throw new Rlp.RlpException("fee payer signature is [yParity, r, s]");
      }
      BigInteger parity = bounded(sig.get(0), 8);
      if (parity.compareTo(BigInteger.ONE) > 0) {
        throw new Rlp.RlpException("fee payer yParity must be 0 or 1");
      }
      return new TempoTransaction.FeePayerSignature(
          new Secp256k1.Signature(
              bounded(sig.get(1), 256), bounded(sig.get(2), 256), parity.intValue()));
    }
    Rlp.Bytes marker = bytes(item);
    if (marker.isEmpty()) {
      return new TempoTransaction.NoFeePayer();
    }
    if (marker.length() == 1 && marker.value()[0] == 0) {
      return new TempoTransaction.AwaitingFeePayer();
    }
    throw new Rlp.RlpException("fee payer slot must be 0x80, 0x00 or a signature");
  }

  private static Rlp.Bytes bytes(Rlp.Item item) {
    if (item instanceof Rlp.Bytes b) {
      return b;
    }
    throw new Rlp.RlpException("expected a byte string");
  }

  private static Rlp.Items list(Rlp.Item item) {
    if (item instanceof Rlp.Items l) {
      return l;
    }
    throw new Rlp.RlpException("expected a list");
  }

  private static BigInteger bounded(Rlp.Item item, int bits) {
    BigInteger value = bytes(item).asInteger();
    if (value.bitLength() > bits) {
      throw new Rlp.RlpException("integer wider than " + bits + " bits");
    }
    return value;
  }

  private static BigInteger optional(BigInteger value) {
    return value.signum() == 0 ? null : value;
  }
}
