package io.mpp4j.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's JSON mapper, reading the payment credential where draft-payment-transport-mcp-00
 * §"Metadata Placement" allows it: a request's root-level {@code _meta} credential, which the SDK
 * would drop, is moved into {@code params._meta} (unless one is there already); a notification is
 * read without any credential (§"Notifications": notifications never carry payments). The SDK logs
 * an unhandled notification whole, so a paid call sent as a notification would otherwise write its
 * credential to the server log; without it, it still does nothing.
 */
final class MetaMapper implements McpJsonMapper {
  private static final String META = "_meta";
  private static final String PARAMS = "params";

  private final McpJsonMapper delegate;

  MetaMapper(McpJsonMapper delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T convertValue(Object value, Class<T> type) {
    if (value instanceof Map<?, ?> message) {
      if (type == McpSchema.JSONRPCNotification.class) {
        return delegate.convertValue(withoutCredential(message), type);
      }
      if (type == McpSchema.JSONRPCRequest.class) {
        return delegate.convertValue(withNestedCredential(message), type);
      }
    }
    return delegate.convertValue(value, type);
  }

  @Override
  public <T> T convertValue(Object value, TypeRef<T> type) {
    return delegate.convertValue(value, type);
  }

  @Override
  public <T> T readValue(String content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(String content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public String writeValueAsString(Object value) throws IOException {
    return delegate.writeValueAsString(value);
  }

  @Override
  public byte[] writeValueAsBytes(Object value) throws IOException {
    return delegate.writeValueAsBytes(value);
  }

  private static Map<?, ?> withoutCredential(Map<?, ?> message) {
    if (!(message.get(PARAMS) instanceof Map<?, ?> params)
        || !(params.get(META) instanceof Map<?, ?> meta)
        || !meta.containsKey(McpPayments.CREDENTIAL_META)) {
      return message;
    }
    Map<Object, Object> strippedMeta = new LinkedHashMap<>(meta);
    strippedMeta.remove(McpPayments.CREDENTIAL_META);
    return withParamsMeta(message, params, strippedMeta);
  }

  private static Map<?, ?> withNestedCredential(Map<?, ?> message) {
    if (!(message.get(META) instanceof Map<?, ?> root)
        || !root.containsKey(McpPayments.CREDENTIAL_META)) {
      return message;
    }
    Object params = message.get(PARAMS);
    if (params != null && !(params instanceof Map)) {
      return message;
    }
    Map<?, ?> paramsMap = params == null ? Map.of() : (Map<?, ?>) params;
    Map<Object, Object> meta = new LinkedHashMap<>();
    if (paramsMap.get(META) instanceof Map<?, ?> nested) {
      meta.putAll(nested);
    }
    meta.putIfAbsent(McpPayments.CREDENTIAL_META, root.get(McpPayments.CREDENTIAL_META));
    return withParamsMeta(message, paramsMap, meta);
  }

  private static Map<?, ?> withParamsMeta(
      Map<?, ?> message, Map<?, ?> params, Map<Object, Object> meta) {
    Map<Object, Object> newParams = new LinkedHashMap<>(params);
    newParams.put(META, meta);
    Map<Object, Object> newMessage = new LinkedHashMap<>(message);
    newMessage.put(PARAMS, newParams);
    return newMessage;
  }
}
