package io.mpp4j.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;
import java.util.List;

/** The core conformance operations answered directly by the codecs and {@link ChallengeBinding}. */
final class CodecDriver implements ConformanceDriver {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public Outcome call(String operation, JsonNode input) {
    return switch (operation) {
      case "challenge.parse" ->
          codec(
              "parse_error",
              () -> PaymentJson.toJson(PaymentHeaders.parseChallenge(text(input, "header"))));
      case "challenge.format" ->
          codec(
              "format_error",
              () -> header(PaymentHeaders.formatChallenge(PaymentJson.challengeFromJson(input))));
      case "credential.parse" ->
          codec(
              "parse_error",
              () -> PaymentJson.toJson(PaymentHeaders.parseCredential(text(input, "header"))));
      case "credential.format" ->
          codec(
              "format_error",
              () -> header(PaymentHeaders.formatCredential(PaymentJson.credentialFromJson(input))));
      case "base64url.encode" ->
          codec("encoding_error", () -> textValue(Base64Url.encode(text(input, "text"))));
      case "base64url.decode" ->
          codec("encoding_error", () -> textValue(Base64Url.decodeUtf8(text(input, "text"))));
      case "challenge.id" -> challengeId(input);
      default -> Outcome.error("unsupported_operation", operation);
    };
  }

  private static Outcome challengeId(JsonNode input) {
    ChallengeBinding binding;
    try {
      binding = ChallengeBinding.of(Secret.of(text(input, "secretKey")), List.of());
    } catch (IllegalArgumentException e) {
      return Outcome.error("generation_error", e.getMessage());
    }
    return codec(
        "generation_error",
        () ->
            NODES
                .objectNode()
                .put(
                    "id",
                    binding.id(
                        Challenge.builder()
                            .realm(text(input, "realm"))
                            .method(text(input, "method"))
                            .intent(text(input, "intent"))
                            .request(Jcs.encode(object(input, "request")))
                            .expires(optional(input, "expires"))
                            .digest(optional(input, "digest"))
                            .header(optional(input, "header"))
                            .opaque(optional(input, "opaque")))));
  }

  private interface Step {
    JsonNode run();
  }

  private static Outcome codec(String errorType, Step step) {
    try {
      return Outcome.ok(step.run());
    } catch (CodecException e) {
      return Outcome.error(errorType, e.getMessage());
    }
  }

  private static ObjectNode header(String header) {
    return NODES.objectNode().put("header", header);
  }

  private static ObjectNode textValue(String text) {
    return NODES.objectNode().put("text", text);
  }

  private static String text(JsonNode input, String name) {
    JsonNode value = input.get(name);
    if (value == null || !value.isTextual()) {
      throw new CodecException(name + " must be a string");
    }
    return value.textValue();
  }

  private static JsonNode object(JsonNode input, String name) {
    JsonNode value = input.get(name);
    if (value == null || !value.isObject()) {
      throw new CodecException(name + " must be a JSON object");
    }
    return value;
  }

  private static String optional(JsonNode input, String name) {
    return input.hasNonNull(name) ? text(input, name) : null;
  }
}
