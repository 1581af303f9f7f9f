package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;

/**
 * The EIP-712 typed data a zero-amount Tempo proof signs, in the three versions in use: the spec's
 * {@code MPP/1 Proof(string challengeId)} (draft-tempo-charge-00), {@code MPP/2 Proof(string
 * challengeId,string realm)} (the cross-SDK conformance vectors), and mppx's {@code MPP/3
 * Proof(address account,string challengeId,string realm)}. The domain has no verifying contract.
 */
enum ProofTypedData {
  V1("1", "Proof(string challengeId)"),
  V2("2", "Proof(string challengeId,string realm)"),
  V3("3", "Proof(address account,string challengeId,string realm)");

  private static final byte[] DOMAIN_TYPEHASH =
      Keccak.hash("EIP712Domain(string name,string version,uint256 chainId)");
  private static final String NAME = "MPP";

  private final String version;
  private final byte[] typehash;

  ProofTypedData(String version, String type) {
    this.version = version;
    this.typehash = Keccak.hash(type);
  }

  /** The digest a payer signs for a challenge ({@code account} is used by version 3 only). */
  byte[] digest(long chainId, String challengeId, String realm, String account) {
    byte[] domain =
        Keccak.hash(
            DOMAIN_TYPEHASH,
            Keccak.hash(NAME),
            Keccak.hash(version),
            Hex.unsigned(BigInteger.valueOf(chainId), 32));
    byte[] struct =
        switch (this) {
          case V1 -> Keccak.hash(typehash, Keccak.hash(challengeId));
          case V2 -> Keccak.hash(typehash, Keccak.hash(challengeId), Keccak.hash(realm));
          case V3 ->
              Keccak.hash(
                  typehash,
                  Hex.unsigned(Hex.toUnsigned(Hex.decode(account, 20)), 32),
                  Keccak.hash(challengeId),
                  Keccak.hash(realm));
        };
    return Keccak.hash(new byte[] {0x19, 0x01}, domain, struct);
  }

  /** The typed data as a wallet receives it ({@code eth_signTypedData_v4} shape). */
  ObjectNode typedData(long chainId, String challengeId, String realm, String account) {
    ObjectNode out = Json.object();
    ObjectNode domain = out.putObject("domain");
    domain.put("name", NAME);
    domain.put("version", version);
    domain.put("chainId", chainId);
    ObjectNode types = out.putObject("types");
    ArrayNode fields = types.putArray("Proof");
    ObjectNode message = Json.object();
    if (this == V3) {
      fields.addObject().put("name", "account").put("type", "address");
      message.put("account", account);
    }
    fields.addObject().put("name", "challengeId").put("type", "string");
    message.put("challengeId", challengeId);
    if (this != V1) {
      fields.addObject().put("name", "realm").put("type", "string");
      message.put("realm", realm);
    }
    out.put("primaryType", "Proof");
    out.set("message", message);
    return out;
  }
}
