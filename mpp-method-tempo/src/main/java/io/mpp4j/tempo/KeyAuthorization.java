package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed Tempo key authorization (TIP-1011 access-key permissions, as the AccountKeychain
 * precompile takes it from a transaction's {@code key_authorization} field): {@code rlp([[chainId,
 * keyType, keyId, expiry?, limits?, calls?, witness?, isAdmin?, account?], signature])}. Absent
 * trailing fields are omitted; an absent field before a present one is the empty string. The root
 * account signs {@code keccak256(rlp(tuple))} with a primitive signature.
 *
 * <p>Only what a subscription needs is read: secp256k1 root signatures (65 bytes) and key types
 * {@code secp256k1}, {@code p256} and {@code webAuthn} by their codes. Decoding is strict
 * (canonical RLP, exact field sizes), so one authorization has one signing hash.
 *
 * @param chainId the chain it is valid on
 * @param keyType 0 secp256k1, 1 p256, 2 webAuthn
 * @param keyId the access key's address, lowercase
 * @param expiry unix seconds after which the key is invalid, 0 for none
 * @param limits per-token spending limits
 * @param scopes allowed call targets with their selector rules; null for unrestricted
 * @param witness the TIP-1053 witness (32 bytes), or null
 * @param admin whether it authorizes an admin key
 * @param account the TIP-1053 account field, or null
 * @param signature the root account's signature
 * @param signed {@code [tuple, signature]} as decoded (re-encoded byte for byte)
 */
record KeyAuthorization(
    BigInteger chainId,
    int keyType,
    String keyId,
    BigInteger expiry,
    List<Limit> limits,
    List<Scope> scopes,
    byte[] witness,
    boolean admin,
    String account,
    Secp256k1.Signature signature,
    Rlp.Items signed) {

  static final int SECP256K1 = 0;

  /** A spending limit: {@code amount} of {@code token} per {@code period} seconds (0: total). */
  record Limit(String token, BigInteger amount, BigInteger period) {}

  /** A call target and its selector rules (empty: any selector). */
  record Scope(String target, List<Rule> rules) {}

  /**
   * A selector allowed on a target, with the only first-argument addresses allowed (empty: any).
   */
  record Rule(String selector, List<String> recipients) {}

  /** What the root account signed. */
  byte[] signingHash() {
    return Keccak.hash(Rlp.encode(signed.get(0)));
  }

  /**
   * Decodes a signed key authorization.
   *
   * @throws IllegalArgumentException when the bytes are not one, or its signature is not a 65-byte
   *     secp256k1 signature
   */
  static KeyAuthorization decode(byte[] bytes) {
    Rlp.Item item;
    try {
      item = Rlp.decode(bytes);
    } catch (Rlp.RlpException e) {
      throw new IllegalArgumentException("not canonical RLP", e);
    }
    if (!(item instanceof Rlp.Items outer)
        || outer.size() != 2
        || !(outer.get(0) instanceof Rlp.Items tuple)
        || !(outer.get(1) instanceof Rlp.Bytes signature)) {
      throw new IllegalArgumentException(
          "a signed key authorization is [authorization, signature]");
    }
    if (tuple.size() < 3 || tuple.size() > 9) {
      throw new IllegalArgumentException("a key authorization has 3 to 9 fields");
    }
    byte[] sig = signature.value();
    if (sig.length != 65) {
      throw new IllegalArgumentException("only 65-byte secp256k1 root signatures are accepted");
    }
    return new KeyAuthorization(
        integer(tuple.get(0)),
        keyType(bytes(tuple.get(1))),
        Hex.encode(exact(bytes(tuple.get(2)), 20)),
        optional(tuple, 3) ? integer(tuple.get(3)) : BigInteger.ZERO,
        optional(tuple, 4) ? limits(tuple.get(4)) : List.of(),
        optional(tuple, 5) ? scopes(tuple.get(5)) : null,
        optional(tuple, 6) ? exact(bytes(tuple.get(6)), 32) : null,
        optional(tuple, 7) && admin(bytes(tuple.get(7))),
        optional(tuple, 8) ? Hex.encode(exact(bytes(tuple.get(8)), 20)) : null,
        Secp256k1.Signature.fromBytes65(sig),
        outer);
  }

  private static boolean optional(Rlp.Items tuple, int index) {
    if (index >= tuple.size()) {
      return false;
    }
    return !(tuple.get(index) instanceof Rlp.Bytes b && b.isEmpty());
  }

  private static int keyType(byte[] value) {
    if (value.length == 0) {
      return SECP256K1;
    }
    if (value.length == 1 && (value[0] == 1 || value[0] == 2)) {
      return value[0];
    }
    throw new IllegalArgumentException("unknown key type");
  }

  private static boolean admin(byte[] value) {
    if (value.length == 1 && value[0] == 1) {
      return true;
    }
    throw new IllegalArgumentException("the admin marker must be 0x01");
  }

  private static List<Limit> limits(Rlp.Item item) {
    List<Limit> limits = new ArrayList<>();
    for (Rlp.Item entry : list(item).items()) {
      Rlp.Items limit = list(entry);
      if (limit.size() < 2 || limit.size() > 3) {
        throw new IllegalArgumentException("a token limit is [token, limit, period?]");
      }
      limits.add(
          new Limit(
              Hex.encode(exact(bytes(limit.get(0)), 20)),
              integer(limit.get(1)),
              limit.size() == 3 ? integer(limit.get(2)) : BigInteger.ZERO));
    }
    return List.copyOf(limits);
  }

  private static List<Scope> scopes(Rlp.Item item) {
    List<Scope> scopes = new ArrayList<>();
    for (Rlp.Item entry : list(item).items()) {
      Rlp.Items scope = list(entry);
      if (scope.size() != 2) {
        throw new IllegalArgumentException("a call scope is [target, selectorRules]");
      }
      List<Rule> rules = new ArrayList<>();
      for (Rlp.Item ruleItem : list(scope.get(1)).items()) {
        Rlp.Items rule = list(ruleItem);
        if (rule.size() != 2) {
          throw new IllegalArgumentException("a selector rule is [selector, recipients]");
        }
        List<String> recipients = new ArrayList<>();
        for (Rlp.Item recipient : list(rule.get(1)).items()) {
          recipients.add(Hex.encode(exact(bytes(recipient), 20)));
        }
        rules.add(new Rule(Hex.encode(exact(bytes(rule.get(0)), 4)), List.copyOf(recipients)));
      }
      scopes.add(new Scope(Hex.encode(exact(bytes(scope.get(0)), 20)), List.copyOf(rules)));
    }
    return List.copyOf(scopes);
  }

  private static Rlp.Items list(Rlp.Item item) {
    if (item instanceof Rlp.Items items) {
      return items;
    }
    throw new IllegalArgumentException("expected a list");
  }

  private static byte[] bytes(Rlp.Item item) {
    if (item instanceof Rlp.Bytes b) {
      return b.value();
    }
    throw new IllegalArgumentException("expected a byte string");
  }

  private static BigInteger integer(Rlp.Item item) {
    if (!(item instanceof Rlp.Bytes b)) {
      throw new IllegalArgumentException("expected an integer");
    }
    try {
      return b.asInteger();
    } catch (Rlp.RlpException e) {
      throw new IllegalArgumentException("integer is not canonical", e);
    }
  }

  private static byte[] exact(byte[] value, int length) {
    if (value.length != length) {
      throw new IllegalArgumentException("expected " + length + " bytes");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyAuthorization k && signed().equals(k.signed());
  }

  @Override
  public int hashCode() {
    return signed().hashCode();
  }

  @Override
  public String toString() {
    return "KeyAuthorization[keyId=" + keyId + ", chainId=" + chainId + "]";
  }
}
