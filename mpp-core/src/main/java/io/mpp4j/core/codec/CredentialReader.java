package io.mpp4j.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import java.io.IOException;

/**
 * Reads a credential's JSON in one streaming pass, without building a tree for the echoed challenge
 * (the hot path of every paid request). Same limits and rules as {@link Json}: depth, size,
 * duplicate keys and trailing content refused; unknown members ignored.
 */
final class CredentialReader {
  private String id;
  private String realm;
  private String method;
  private String intent;
  private String request;
  private String expires;
  private String digest;
  private String description;
  private String opaque;
  private String header;
  private ObjectNode payload;
  private String source;
  private boolean sawChallenge;

  private CredentialReader() {}

  /**
   * @param validateRequest whether the echoed request must decode to a JSON object
   * @throws CodecException when the bytes are not a credential
   */
  static Credential read(byte[] json, boolean validateRequest) {
    CredentialReader reader = new CredentialReader();
    try (JsonParser parser = Json.parser(json)) {
      reader.root(parser);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException codec) {
        throw codec;
      }
      throw new CodecException("invalid JSON");
    }
    return reader.credential(validateRequest);
  }

  private void root(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new CodecException("expected a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "challenge" -> challenge(parser, value);
        case "payload" -> payload = payload(parser, value);
        case "source" -> source = text(parser, value, "source");
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      throw new CodecException("trailing content after the credential");
    }
  }

  private void challenge(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw new CodecException("credential has no challenge");
    }
    sawChallenge = true;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "id" -> id = text(parser, value, name);
        case "realm" -> realm = text(parser, value, name);
        case "method" -> method = text(parser, value, name);
        case "intent" -> intent = text(parser, value, name);
        case "request" -> request = requestText(parser, value);
        case "expires" -> expires = text(parser, value, name);
        case "digest" -> digest = text(parser, value, name);
        case "description" -> description = text(parser, value, name);
        case "opaque" -> opaque = text(parser, value, name);
        case "header" -> header = text(parser, value, name);
        default -> parser.skipChildren();
      }
    }
  }

  private static ObjectNode payload(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw new CodecException("credential has no payload object");
    }
    JsonNode node = Json.readTree(parser);
    return (ObjectNode) node;
  }

  private static String text(JsonParser parser, JsonToken token, String name) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      parser.skipChildren();
      throw new CodecException(name + " must be a string");
    }
    return parser.getText();
  }

  private static String requestText(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw new CodecException("echoed challenge request must be a base64url string");
    }
    return parser.getText();
  }

  private Credential credential(boolean validateRequest) {
    if (!sawChallenge) {
      throw new CodecException("credential has no challenge");
    }
    if (payload == null) {
      throw new CodecException("credential has no payload object");
    }
    if (request == null) {
      throw new CodecException("echoed challenge request must be a base64url string");
    }
    if (validateRequest) {
      Json.parseObject(Base64Url.decode(request));
    }
    if (id == null || id.isEmpty() || method == null || method.isEmpty()) {
      throw new CodecException("echoed challenge is incomplete");
    }
    if (intent == null || intent.isEmpty() || realm == null) {
      throw new CodecException("echoed challenge is incomplete");
    }
    Challenge challenge =
        new Challenge(
            id, realm, method, intent, request, expires, digest, description, opaque, header);
    return new Credential(challenge, payload, source);
  }
}
