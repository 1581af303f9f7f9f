package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;
import java.util.Map;
import java.util.Set;

/**
 * {@code receipt.parse} and {@code receipt.format}: the {@code Payment-Receipt} header
 * (draft-httpauth-payment-00 §5.3). The suite's receipt object has {@code status}, {@code method},
 * {@code timestamp}, {@code reference}, optional {@code externalId}, and further members under
 * {@code extra}; mpp4j writes those extras as top-level receipt members.
 */
final class ReceiptOperations {
  private static final Set<String> TOP_LEVEL =
      Set.of("status", "method", "timestamp", "reference", "externalId");

  private ReceiptOperations() {}

  static JsonNode parse(JsonNode input) {
    String header = Inputs.text(input, "header", ErrorTypes.PARSE);
    try {
      return toSuiteForm(PaymentHeaders.parseReceipt(header));
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.PARSE, e.getMessage());
    }
  }

  static JsonNode format(JsonNode input) {
    if (input == null || !input.isObject()) {
      throw new OperationException(ErrorTypes.FORMAT, "input must be a receipt object");
    }
    ObjectNode flat = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : input.properties()) {
      if (!member.getKey().equals("extra")) {
        flat.set(member.getKey(), member.getValue());
      }
    }
    JsonNode extra = input.get("extra");
    if (extra != null && !extra.isNull()) {
      if (!extra.isObject()) {
        throw new OperationException(ErrorTypes.FORMAT, "extra must be an object");
      }
      for (Map.Entry<String, JsonNode> member : extra.properties()) {
        if (TOP_LEVEL.contains(member.getKey())) {
          throw new OperationException(
              ErrorTypes.FORMAT, "extra must not redefine " + member.getKey());
        }
        flat.set(member.getKey(), member.getValue());
      }
    }
    try {
      String header = PaymentHeaders.formatReceipt(PaymentJson.receiptFromJson(flat));
      return JsonNodeFactory.instance.objectNode().put("header", header);
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.FORMAT, e.getMessage());
    }
  }

  /** A receipt in the suite's form: {@code externalId} on top, other extras under {@code extra}. */
  static ObjectNode toSuiteForm(Receipt receipt) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : PaymentJson.toJson(receipt).properties()) {
      if (TOP_LEVEL.contains(member.getKey())) {
        json.set(member.getKey(), member.getValue());
      } else {
        extra.set(member.getKey(), member.getValue());
      }
    }
    if (!extra.isEmpty()) {
      json.set("extra", extra);
    }
    return json;
  }
}
