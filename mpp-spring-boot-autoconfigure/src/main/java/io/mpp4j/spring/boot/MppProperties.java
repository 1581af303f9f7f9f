package io.mpp4j.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The {@code mpp.*} settings of the Spring Boot starter (draft-httpauth-payment-00: realm,
 * challenge secret, payment methods; draft-tempo-charge-00 for {@code mpp.tempo.*}). A Spring Boot
 * application becomes paid with {@code mpp.realm}, {@code mpp.secret-key}, {@code
 * mpp.tempo.chain-id} and {@code mpp.tempo.recipient}, and {@code @Paid} on a controller method.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("mpp")
public class MppProperties {
  /** Protection space named in every challenge, e.g. the API's host name. Required. */
  private String realm;

  /**
   * HMAC key binding challenge ids, at least 32 bytes; every instance of the server shares it.
   * Generate one with openssl rand -base64 48. Required.
   */
  private String secretKey;

  /** Keys used before a rotation: challenges they signed still verify until they expire. */
  private List<String> previousSecretKeys = new ArrayList<>();

  /**
   * Where challenge claims, replay keys and idempotent responses live: memory (one instance only),
   * a Redis URI (redis://host:6379, rediss://...; needs mpp-store-redis) or a PostgreSQL JDBC URL
   * (jdbc:postgresql://host/db; needs mpp-store-jdbc). A user-defined Store bean replaces it.
   */
  private String store = "memory";

  /** User name for a JDBC store. */
  private String storeUsername;

  /** Password for a JDBC store. */
  private String storePassword;

  /** Accept payments over plain HTTP: for local development only. */
  private boolean allowInsecureHttp;

  /** Trust X-Forwarded-Proto: https from a TLS-terminating proxy you control. */
  private boolean trustForwardedProto;

  /**
   * Method ids a @Paid without methods offers, in challenge order; every configured method by
   * default.
   */
  private List<String> defaultMethods = new ArrayList<>();

  /** How long a challenge stays payable. */
  private Duration challengeTtl = Duration.ofMinutes(5);

  /** Largest request body buffered on a paid route; larger ones get 413. */
  private DataSize maxBodySize = DataSize.ofMegabytes(1);

  /**
   * Order of the payment filter: after Spring Security's filter chain (-100 by default), so that
   * authentication, CORS and firewall rules apply before a payment is asked for.
   */
  private int filterOrder = MppAutoConfiguration.FILTER_ORDER;

  private final Discovery discovery = new Discovery();

  private final X402 x402 = new X402();

  /** The tempo method (draft-tempo-charge-00); configured when a recipient is set. */
  @NestedConfigurationProperty private final TempoProperties tempo = new TempoProperties();

  /** The stripe method; configured when a secret key is set (needs mpp-method-stripe). */
  @NestedConfigurationProperty private final StripeProperties stripe = new StripeProperties();

  public String getRealm() {
    return realm;
  }

  public void setRealm(String realm) {
    this.realm = realm;
  }

  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public List<String> getPreviousSecretKeys() {
    return previousSecretKeys;
  }

  public void setPreviousSecretKeys(List<String> previousSecretKeys) {
    this.previousSecretKeys = previousSecretKeys;
  }

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }

  public String getStoreUsername() {
    return storeUsername;
  }

  public void setStoreUsername(String storeUsername) {
    this.storeUsername = storeUsername;
  }

  public String getStorePassword() {
    return storePassword;
  }

  public void setStorePassword(String storePassword) {
    this.storePassword = storePassword;
  }

  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  public boolean isTrustForwardedProto() {
    return trustForwardedProto;
  }

  public void setTrustForwardedProto(boolean trustForwardedProto) {
    this.trustForwardedProto = trustForwardedProto;
  }

  public List<String> getDefaultMethods() {
    return defaultMethods;
  }

  public void setDefaultMethods(List<String> defaultMethods) {
    this.defaultMethods = defaultMethods;
  }

  public Duration getChallengeTtl() {
    return challengeTtl;
  }

  public void setChallengeTtl(Duration challengeTtl) {
    this.challengeTtl = challengeTtl;
  }

  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public int getFilterOrder() {
    return filterOrder;
  }

  public void setFilterOrder(int filterOrder) {
    this.filterOrder = filterOrder;
  }

  public Discovery getDiscovery() {
    return discovery;
  }

  public X402 getX402() {
    return x402;
  }

  public TempoProperties getTempo() {
    return tempo;
  }

  public StripeProperties getStripe() {
    return stripe;
  }

  /** The discovery document (draft-payment-discovery-00). */
  public static class Discovery {
    /** Whether the discovery document is served. */
    private boolean enabled = true;

    /** Where the discovery document is served. */
    private String path = "/openapi.json";

    /** The document's info.title. */
    private String title = "API";

    /** The document's info.version. */
    private String version = "1.0.0";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getVersion() {
      return version;
    }

    public void setVersion(String version) {
      this.version = version;
    }
  }

  /** x402 v2 clients on the same routes (see docs/evm-x402.md). */
  public static class X402 {
    /**
     * Whether routes offering a method that takes x402 (the evm method) also answer x402 clients:
     * PAYMENT-REQUIRED on every 402, PAYMENT-SIGNATURE verified, PAYMENT-RESPONSE on success.
     */
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
