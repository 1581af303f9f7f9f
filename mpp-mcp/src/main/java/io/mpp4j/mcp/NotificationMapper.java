package io.mpp4j.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's JSON mapper, except that a JSON-RPC notification is read without a payment credential
 * in {@code params._meta} (draft-payment-transport-mcp-00 §"Notifications": notifications never
 * carry payments). The SDK logs an unhandled notification whole, so a paid call sent as a
 * notification would otherwise write its credential to the server log; without the credential it
 * still does nothing.
 */
final class NotificationMapper implements McpJsonMapper {
  private final McpJsonMapper delegate;

  NotificationMapper(McpJsonMapper delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T convertValue(Object value, Class<T> type) {
    if (type == McpSchema.JSONRPCNotification.class && value instanceof Map<?, ?> message) {
      return delegate.convertValue(withoutCredential(message), type);
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
    if (!(message.get("params") instanceof Map<?, ?> params)
        || !(params.get("_meta") instanceof Map<?, ?> meta)
        || !meta.containsKey(McpPayments.CREDENTIAL_META)) {
      return message;
    }
    Map<Object, Object> strippedMeta = new LinkedHashMap<>(meta);
    strippedMeta.remove(McpPayments.CREDENTIAL_META);
    Map<Object, Object> strippedParams = new LinkedHashMap<>(params);
    strippedParams.put("_meta", strippedMeta);
    Map<Object, Object> stripped = new LinkedHashMap<>(message);
    stripped.put("params", strippedParams);
    return stripped;
  }
}
