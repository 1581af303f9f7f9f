package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;

/** {@code base64url.encode} and {@code base64url.decode}: unpadded RFC 4648 §5 over UTF-8 text. */
final class Base64UrlOperations {
  private Base64UrlOperations() {}

  static JsonNode encode(JsonNode input) {
    return text(Base64Url.encode(Inputs.text(input, "text", ErrorTypes.ENCODING)));
  }

  static JsonNode decode(JsonNode input) {
    try {
      return text(Base64Url.decodeUtf8(Inputs.text(input, "text", ErrorTypes.ENCODING)));
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.ENCODING, e.getMessage());
    }
  }

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.objectNode().put("text", value);
  }
}
