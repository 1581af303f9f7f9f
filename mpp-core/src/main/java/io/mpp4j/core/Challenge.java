package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import java.util.Objects;

/**
 * A payment challenge as carried by {@code WWW-Authenticate: Payment} and echoed in a credential
 * (draft-httpauth-payment-00 §5.1). {@code request} and {@code opaque} hold the exact wire values
 * (base64url of canonical JSON), since those bytes are what the challenge id binds.
 *
 * @param id HMAC-bound challenge id
 * @param realm protection space
 * @param method payment method id, lowercase letters only
 * @param intent payment intent, e.g. {@code charge}
 * @param request base64url of the JCS request object
 * @param expires RFC 3339 expiry exactly as issued, or null
 * @param digest RFC 9530 content digest bound to the request body, or null
 * @param description display text, not bound by the id, or null
 * @param opaque base64url of server correlation data echoed unchanged, or null
 */
public record Challenge(
    String id,
    String realm,
    String method,
    String intent,
    String request,
    String expires,
    String digest,
    String description,
    String opaque) {

  public Challenge {
    requireNonEmpty(id, "id");
    Objects.requireNonNull(realm, "realm");
    requireNonEmpty(method, "method");
    requireNonEmpty(intent, "intent");
    Objects.requireNonNull(request, "request");
  }

  /** The decoded {@code request} object. */
  public ObjectNode requestJson() {
    return Json.parseObject(Base64Url.decode(request));
  }

  /** Whether this challenge is for {@code method}/{@code intent}. */
  public boolean isFor(String method, String intent) {
    return this.method.equals(method) && this.intent.equals(intent);
  }

  private static void requireNonEmpty(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
