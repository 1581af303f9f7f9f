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
 * @param header the request header the credential must arrive in when it is not {@code
 *     Authorization} (e.g. {@code Payment-Authorization}, for routes that already use {@code
 *     Authorization} for something else); bound by the id; null for the default
 * @since 0.2.0
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
    String opaque,
    String header) {

  /** The default credential header. */
  public static final String AUTHORIZATION = "Authorization";

  public Challenge {
    requireNonEmpty(id, "id");
    Objects.requireNonNull(realm, "realm");
    requireNonEmpty(method, "method");
    requireNonEmpty(intent, "intent");
    Objects.requireNonNull(request, "request");
    if (header != null && (header.isEmpty() || header.equalsIgnoreCase(AUTHORIZATION))) {
      header = null;
    }
  }

  /** A challenge whose credential arrives in {@code Authorization}. */
  public Challenge(
      String id,
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String description,
      String opaque) {
    this(id, realm, method, intent, request, expires, digest, description, opaque, null);
  }

  /** The header the credential for this challenge must arrive in. */
  public String credentialHeader() {
    return header == null ? AUTHORIZATION : header;
  }

  /** The decoded {@code request} object. */
  public ObjectNode requestJson() {
    return Json.parseObject(Base64Url.decode(request));
  }

  /** Whether this challenge is for {@code method}/{@code intent}. */
  public boolean isFor(String method, String intent) {
    return this.method.equals(method) && this.intent.equals(intent);
  }

  /** Starts a challenge; its id comes from {@link ChallengeBinding#sign}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fields of a challenge before it has an id. */
  public static final class Builder {
    private String realm;
    private String method;
    private String intent;
    private String request;
    private String expires;
    private String digest;
    private String description;
    private String opaque;
    private String header;

    private Builder() {}

    public Builder realm(String realm) {
      this.realm = realm;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder intent(String intent) {
      this.intent = intent;
      return this;
    }

    /** The wire value: base64url of the canonical request JSON. */
    public Builder request(String request) {
      this.request = request;
      return this;
    }

    public Builder expires(String expires) {
      this.expires = expires;
      return this;
    }

    public Builder digest(String digest) {
      this.digest = digest;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder opaque(String opaque) {
      this.opaque = opaque;
      return this;
    }

    /** The credential header when it is not {@code Authorization}. */
    public Builder header(String header) {
      this.header = header;
      return this;
    }

    Challenge build(String id) {
      return new Challenge(
          id, realm, method, intent, request, expires, digest, description, opaque, header);
    }
  }

  private static void requireNonEmpty(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
