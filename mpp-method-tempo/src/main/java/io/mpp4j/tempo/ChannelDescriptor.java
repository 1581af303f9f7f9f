package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;

/**
 * A v2 channel descriptor (draft-tempo-session-00 §"Channel Descriptor", TIP-1034): the tuple that
 * identifies a channel of the TIP-20 channel reserve precompile, its id and the {@code
 * expiringNonceHash} of the transaction that opened it. All addresses and words lowercase.
 */
record ChannelDescriptor(
    String payer,
    String payee,
    String operator,
    String token,
    String salt,
    String authorizedSigner,
    String expiringNonceHash) {

  /** The canonical TIP-20 channel reserve precompile. */
  static final String PRECOMPILE = "0x4d50500000000000000000000000000000000000";

  /** The TIP-1034 close grace period, in seconds. */
  static final long CLOSE_GRACE_SECONDS = 900;

  ChannelDescriptor {
    payer = Hex.address(payer);
    payee = Hex.address(payee);
    operator = Hex.address(operator);
    token = Hex.address(token);
    salt = Hex.word(salt);
    authorizedSigner = Hex.address(authorizedSigner);
    expiringNonceHash = Hex.word(expiringNonceHash);
  }

  /**
   * Reads the JSON form of a credential's {@code descriptor}.
   *
   * @throws IllegalArgumentException when a member is missing or malformed
   */
  static ChannelDescriptor fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("descriptor must be an object");
    }
    return new ChannelDescriptor(
        text(json, "payer"),
        text(json, "payee"),
        text(json, "operator"),
        text(json, "token"),
        text(json, "salt"),
        text(json, "authorizedSigner"),
        text(json, "expiringNonceHash"));
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("descriptor." + name + " is required");
    }
    return value.asText();
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("payer", payer);
    json.put("payee", payee);
    json.put("operator", operator);
    json.put("token", token);
    json.put("salt", salt);
    json.put("authorizedSigner", authorizedSigner);
    json.put("expiringNonceHash", expiringNonceHash);
    return json;
  }

  /** Who signs vouchers: the authorized signer, or the payer when it is zero. */
  String voucherSigner() {
    return Hex.isZeroAddress(authorizedSigner) ? payer : authorizedSigner;
  }

  /**
   * {@code keccak256(abi.encode(payer, payee, operator, token, salt, authorizedSigner,
   * expiringNonceHash, escrow, chainId))}.
   */
  String channelId(String escrow, long chainId) {
    return Hex.encode(
        Keccak.hash(
            Abi.words(
                Abi.address(payer),
                Abi.address(payee),
                Abi.address(operator),
                Abi.address(token),
                Abi.bytes32(salt),
                Abi.address(authorizedSigner),
                Abi.bytes32(expiringNonceHash),
                Abi.address(escrow),
                Abi.uint(BigInteger.valueOf(chainId)))));
  }

  /**
   * The {@code expiringNonceHash} of a channel-opening transaction: {@code
   * keccak256(senderSigningPayload || sender)}, the node's sender-scoped replay key.
   */
  static String expiringNonceHash(TempoTransaction tx, String sender) {
    return Hex.encode(Keccak.hash(tx.senderSigningPayload(), Hex.decode(sender, 20)));
  }
}
