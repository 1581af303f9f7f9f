package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import java.util.Optional;

/**
 * The x402 v2 {@code exact} scheme with the EIP-3009 transfer method (x402-foundation/x402 {@code
 * specs/schemes/exact/scheme_exact_evm.md}) as a second wire format of an {@code evm} charge: the
 * requirement that pays a challenge's request, and the native {@code authorization} credential of
 * the payment payload that comes back.
 */
final class X402Exact {
  private final EvmMethod.Settings settings;

  X402Exact(EvmMethod.Settings settings) {
    this.settings = settings;
  }

  /** {@code exact} on {@code eip155:<chainId>} for the request's amount, token and recipient. */
  Optional<ObjectNode> requirements(Challenge challenge) {
    if (!challenge.method().equals(EvmMethod.ID) || !challenge.intent().equals("charge")) {
      return Optional.empty();
    }
    ChargeRequest request =
        ChargeRequest.fromJson(Json.parseObject(Base64Url.decode(challenge.request())));
    EvmTerms terms = EvmTerms.of(request);
    if (terms.splits()
        || !terms.accepts(EvmTerms.AUTHORIZATION)
        || terms.chainId() != settings.chainId()
        || !terms.currency().equals(settings.token())) {
      return Optional.empty();
    }
    ObjectNode json = Json.object();
    json.put("scheme", "exact");
    json.put("network", network());
    json.put("amount", request.amount().toString());
    json.put("asset", request.currency());
    json.put("payTo", request.recipient());
    json.put("maxTimeoutSeconds", (int) settings.x402MaxTimeout().toSeconds());
    ObjectNode extra = json.putObject("extra");
    extra.put("name", settings.tokenName());
    extra.put("version", settings.tokenVersion());
    extra.put("assetTransferMethod", "eip3009");
    return Optional.of(json);
  }

  /** The native credential of a payment payload {@code {authorization: {...}, signature}}. */
  Credential credential(Challenge challenge, ObjectNode paymentPayload) {
    JsonNode payload = paymentPayload.get("payload");
    JsonNode authorization = payload.get("authorization");
    if (authorization == null || !authorization.isObject()) {
      throw new PaymentExceptions.InvalidPayload(
          "Only EIP-3009 authorizations are accepted for x402 payments.");
    }
    ObjectNode native_ =
        Authorization.payload(Json.object(), authorization, payload.get("signature"));
    String from = native_.path("from").asText();
    if (!Hex.isAddress(from)) {
      throw new PaymentExceptions.MalformedCredential("The authorization's sender is malformed.");
    }
    return new Credential(
        challenge, native_, PayerSource.did(settings.chainId(), Eip3009.checksum(from)));
  }

  private String network() {
    return "eip155:" + settings.chainId();
  }
}
