package io.mpp4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's transport-neutral view of one request to a paid resource: the scope a challenge
 * binds (HTTP: method, path and query; JSON-RPC: the operation), the body a challenge binds by
 * digest, the credentials the transport found, the client's {@code Accept-Payment} preferences and
 * its {@code Idempotency-Key}. Transports build one per request; the HTTP transport hands in raw
 * header values, the JSON-RPC transport decoded credentials (draft-httpauth-payment-00 §5;
 * draft-payment-transport-mcp-00 §4).
 *
 * <pre>{@code
 * PaymentExchange exchange = PaymentExchange.builder()
 *     .http("GET", "/api/fortune", null)
 *     .credential("Authorization", request.getHeader("Authorization"))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PaymentExchange {
  private final String scope;
  private final String httpMethod;
  private final String resource;
  private final byte[] body;
  private final List<Presented> credentials;
  private final List<String> acceptPayment;
  private final String idempotencyKey;
  private final Function<String, List<String>> headers;
  private final Object transportRequest;

  /**
   * A credential as the transport found it: a raw header value and the header's name, or a
   * credential the transport decoded itself (then {@code header} and {@code value} are null).
   */
  public record Presented(String header, String value, Credential decoded) {}

  private PaymentExchange(Builder b) {
    this.scope = b.scope;
    this.httpMethod = b.httpMethod;
    this.resource = b.resource;
    this.body = b.body;
    this.credentials = List.copyOf(b.credentials);
    this.acceptPayment = List.copyOf(b.acceptPayment);
    this.idempotencyKey = b.idempotencyKey;
    this.headers = b.headers;
    this.transportRequest = b.transportRequest;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a challenge for this exchange is bound to ({@code GET /api/fortune?q=1}), or empty for an
   * exchange built with {@link Builder#unscoped()}.
   */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * The HTTP method of an exchange built with {@link Builder#http}, else empty.
   *
   * @since 0.2.0
   */
  public Optional<String> httpMethod() {
    return Optional.ofNullable(httpMethod);
  }

  /**
   * The resource of an exchange built with {@link Builder#http}: its path plus {@code ?query} if
   * any, without the method; for other exchanges the scope. What a challenge of a {@linkplain
   * Intent#resourceBound() resource-bound} intent binds besides the scope.
   *
   * @since 0.2.0
   */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  /** The request body a challenge binds by digest; empty when there is none. */
  public byte[] body() {
    return body;
  }

  /** The credentials the transport found (more than one is refused). */
  public List<Presented> credentials() {
    return credentials;
  }

  /** The {@code Accept-Payment} header values, if any. */
  public List<String> acceptPayment() {
    return acceptPayment;
  }

  /** The client's {@code Idempotency-Key}, when the transport applies idempotency here. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** All values of a request header by case-insensitive name (empty outside HTTP). */
  public List<String> header(String name) {
    List<String> values = headers.apply(name);
    return values == null ? List.of() : values;
  }

  /** The transport's own request object (e.g. the {@code HttpServletRequest}), if it gave one. */
  public <T> Optional<T> transportRequest(Class<T> type) {
    return type.isInstance(transportRequest)
        ? Optional.of(type.cast(transportRequest))
        : Optional.empty();
  }

  /** Configures a {@link PaymentExchange}. */
  public static final class Builder {
    private static final byte[] EMPTY = new byte[0];

    private String scope;
    private String httpMethod;
    private String resource;
    private boolean scopeChosen;
    private byte[] body = EMPTY;
    private final List<Presented> credentials = new ArrayList<>(1);
    private final List<String> acceptPayment = new ArrayList<>(1);
    private String idempotencyKey;
    private Function<String, List<String>> headers = name -> List.of();
    private Object transportRequest;

    private Builder() {}

    /** Binds challenges to an HTTP request: {@code METHOD path} plus {@code ?query} if any. */
    public Builder http(String method, String path, String query) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      StringBuilder text =
          new StringBuilder(
              method.length() + path.length() + 2 + (query == null ? 0 : 1 + query.length()));
      text.append(method).append(' ').append(path);
      if (query != null && !query.isEmpty()) {
        text.append('?').append(query);
      }
      this.scope = text.toString();
      this.httpMethod = method;
      this.resource = scope.substring(method.length() + 1);
      this.scopeChosen = true;
      return this;
    }

    /** Binds challenges to any operation name, e.g. a JSON-RPC tool call and its arguments. */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      this.httpMethod = null;
      this.resource = scope;
      this.scopeChosen = true;
      return this;
    }

    /**
     * Challenges bound to no resource: a credential for the same request pays any unscoped
     * exchange. For conformance vectors and transports that bind the operation otherwise.
     */
    public Builder unscoped() {
      this.scope = null;
      this.httpMethod = null;
      this.resource = null;
      this.scopeChosen = true;
      return this;
    }

    /** The buffered request body (bound by digest when not empty); not copied. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * A raw credential value (e.g. {@code Payment eyJ...}) found in request header {@code header}.
     */
    public Builder credential(String header, String value) {
      credentials.add(
          new Presented(
              Objects.requireNonNull(header, "header"),
              Objects.requireNonNull(value, "value"),
              null));
      return this;
    }

    /** A credential the transport decoded (e.g. from JSON-RPC {@code _meta}). */
    public Builder credential(Credential credential) {
      credentials.add(new Presented(null, null, Objects.requireNonNull(credential, "credential")));
      return this;
    }

    public Builder acceptPayment(List<String> values) {
      acceptPayment.addAll(values);
      return this;
    }

    /** The client's {@code Idempotency-Key} (HTTP: only on unsafe methods). */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /** Header lookup for policies and handlers that read request headers. */
    public Builder headers(Function<String, List<String>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** The transport's request object, for handlers that identify a client from it. */
    public Builder transportRequest(Object request) {
      this.transportRequest = request;
      return this;
    }

    /**
     * @throws IllegalStateException when neither a scope nor {@link #unscoped()} was chosen
     */
    public PaymentExchange build() {
      if (!scopeChosen) {
        throw new IllegalStateException(
            "bind the exchange with http(...), scope(...) or unscoped()");
      }
      return new PaymentExchange(this);
    }
  }
}
