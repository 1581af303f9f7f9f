package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Signed key authorizations as a payer's wallet makes them for a subscription, field by field, so
 * tests can change any one: by default exactly what {@link SubscriptionTerms} ask for, with only
 * {@code transferWithMemo} allowed (as the reference client asks).
 */
final class GrantBuilder {
  BigInteger chainId;
  byte[] keyType = new byte[0];
  String keyId;
  BigInteger expiry;
  List<Rlp.Item> limits = new ArrayList<>();
  List<Rlp.Item> scopes = new ArrayList<>();
  byte[] witness;
  BigInteger signer;
  boolean highS;

  static GrantBuilder forTerms(SubscriptionTerms terms, BigInteger signer) {
    GrantBuilder b = new GrantBuilder();
    b.chainId = BigInteger.valueOf(terms.chainId());
    b.keyId = terms.accessKey();
    b.expiry = BigInteger.valueOf(terms.expires());
    b.limits.add(limit(terms.currency(), terms.amount(), terms.periodSeconds()));
    b.scopes.add(
        scope(terms.currency(), rule(Tip20.TRANSFER_WITH_MEMO_SELECTOR, terms.recipient())));
    b.signer = signer;
    return b;
  }

  static Rlp.Items limit(String token, BigInteger amount, long period) {
    return Rlp.list(Rlp.bytes(Hex.decode(token, 20)), Rlp.integer(amount), Rlp.integer(period));
  }

  static Rlp.Items scope(String target, Rlp.Item... rules) {
    return Rlp.list(Rlp.bytes(Hex.decode(target, 20)), Rlp.list(rules));
  }

  static Rlp.Items rule(String selector, String... recipients) {
    List<Rlp.Item> list = new ArrayList<>();
    for (String recipient : recipients) {
      list.add(Rlp.bytes(Hex.decode(recipient, 20)));
    }
    return Rlp.list(Rlp.bytes(Hex.decode(selector, 4)), Rlp.list(list));
  }

  Rlp.Items tuple() {
    List<Rlp.Item> fields = new ArrayList<>();
    fields.add(Rlp.integer(chainId));
    fields.add(Rlp.bytes(keyType));
    fields.add(Rlp.bytes(Hex.decode(keyId, 20)));
    fields.add(Rlp.integer(expiry));
    fields.add(Rlp.list(limits));
    fields.add(Rlp.list(scopes));
    if (witness != null) {
      fields.add(Rlp.bytes(witness));
    }
    return Rlp.list(fields);
  }

  /** The signed authorization, hex. */
  String signedHex() {
    Rlp.Items tuple = tuple();
    Secp256k1.Signature signature = Secp256k1.sign(Keccak.hash(Rlp.encode(tuple)), signer);
    if (highS) {
      signature =
          new Secp256k1.Signature(
              signature.r(), Secp256k1.N.subtract(signature.s()), 1 - signature.yParity());
    }
    return Hex.encode(Rlp.encode(Rlp.list(tuple, Rlp.bytes(signature.toBytes65()))));
  }

  Credential credential(Challenge challenge, String source) {
    ObjectNode payload = Json.object();
    payload.put("type", "keyAuthorization");
    payload.put("signature", signedHex());
    return new Credential(challenge, payload, source);
  }
}
