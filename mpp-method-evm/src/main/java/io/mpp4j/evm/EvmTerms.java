package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.ChargeRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code evm} charge request read into typed terms (draft-evm-charge-00, request schema).
 *
 * @param amount base units
 * @param currency the ERC-20 token, lowercase
 * @param recipient lowercase
 * @param chainId EIP-155 chain id
 * @param credentialTypes accepted payload types, in the server's order of preference
 * @param splits whether the request has splits (only Permit2 could pay them)
 */
record EvmTerms(
    BigInteger amount,
    String currency,
    String recipient,
    long chainId,
    List<String> credentialTypes,
    boolean splits) {

  static final String AUTHORIZATION = "authorization";
  static final String TRANSACTION = "transaction";
  static final String HASH = "hash";
  static final String PERMIT2 = "permit2";

  EvmTerms {
    credentialTypes = List.copyOf(credentialTypes);
  }

  /**
   * @throws IllegalArgumentException when the request is not an {@code evm} charge
   */
  static EvmTerms of(ChargeRequest request) {
    if (request.recipient() == null) {
      throw new IllegalArgumentException("recipient is required");
    }
    JsonNode chainId = request.detail("chainId").orElse(null);
    if (chainId == null || !chainId.canConvertToLong() || chainId.asLong() <= 0) {
      throw new IllegalArgumentException("methodDetails.chainId is required");
    }
    List<String> types = new ArrayList<>();
    JsonNode listed = request.detail("credentialTypes").orElse(null);
    if (listed == null) {
      types.add(TRANSACTION);
      types.add(HASH);
    } else {
      listed.forEach(t -> types.add(t.asText()));
    }
    JsonNode splits = request.detail("splits").orElse(null);
    return new EvmTerms(
        request.amount(),
        Hex.address(request.currency()),
        Hex.address(request.recipient()),
        chainId.asLong(),
        types,
        splits != null && splits.size() > 0);
  }

  boolean accepts(String type) {
    return credentialTypes.contains(type);
  }
}
