package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;

/**
 * {@code credential.parse} and {@code credential.format}: the {@code Authorization: Payment} header
 * (draft-httpauth-payment-00 §5.2), with the echoed challenge's request in native form.
 */
final class CredentialOperations {
  private CredentialOperations() {}

  static JsonNode parse(JsonNode input) {
    String header = Inputs.text(input, "header", ErrorTypes.PARSE);
    try {
      return PaymentJson.toJson(PaymentHeaders.parseCredential(header));
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.PARSE, e.getMessage());
    }
  }

  static JsonNode format(JsonNode input) {
    try {
      String header = PaymentHeaders.formatCredential(PaymentJson.credentialFromJson(input));
      return JsonNodeFactory.instance.objectNode().put("header", header);
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.FORMAT, e.getMessage());
    }
  }
}
