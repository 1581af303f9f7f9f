package io.mpp4j.examples;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.evm.EvmMethod;
import io.mpp4j.servlet.PaymentFilter;
import io.mpp4j.servlet.RouteTable;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The example server: paid routes on embedded Jetty 12 behind the {@link PaymentFilter}
 * (draft-httpauth-payment-00; discovery per draft-payment-discovery-00). Run it with {@code java
 * -jar examples/target/mpp-examples.jar}; it is configured by environment variables (see {@link
 * Config#fromEnvironment}, {@link ExampleMethods} and {@link ExampleStores}).
 */
public final class ExampleServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExampleServer.class.getName());

  /** Payment credentials can exceed the usual 8 KiB header limit. */
  static final int MAX_REQUEST_HEADER_BYTES = 32 * 1024;

  /**
   * Jetty caches header values per connection, {@code Authorization} included, up to this many
   * characters; a payment credential (never repeated) is longer, so it is not cached, which would
   * cost every paid request a cache insertion and, once full, a cache rebuild.
   */
  static final int HEADER_CACHE_CHARS = 512;

  private final Server server;
  private final int port;
  private final Persistence persistence;
  private final Mpp mpp;
  private final List<PaymentMethod> methods;
  private final ExampleSubscriptions subscriptions;

  private ExampleServer(
      Server server,
      int port,
      Persistence persistence,
      Mpp mpp,
      List<PaymentMethod> methods,
      ExampleSubscriptions subscriptions) {
    this.server = server;
    this.port = port;
    this.persistence = persistence;
    this.mpp = mpp;
    this.methods = methods;
    this.subscriptions = subscriptions;
  }

  /**
   * The server's settings.
   *
   * @param port TCP port, 0 for any free one
   * @param realm protection space named in challenges
   * @param secret HMAC key binding challenge ids
   * @param allowHttp accept payments over plain HTTP (local development only)
   * @param trustForwardedProto trust {@code X-Forwarded-Proto: https} from a TLS proxy
   * @param operatorToken the bearer token of the operator view at {@code /operator/*}, or null to
   *     leave it off
   */
  public record Config(
      int port,
      String realm,
      Secret secret,
      boolean allowHttp,
      boolean trustForwardedProto,
      Secret operatorToken) {

    /** Settings without the operator view. */
    public Config(
        int port, String realm, Secret secret, boolean allowHttp, boolean trustForwardedProto) {
      this(port, realm, secret, allowHttp, trustForwardedProto, null);
    }

    public Config {
      Objects.requireNonNull(realm, "realm");
      Objects.requireNonNull(secret, "secret");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("PORT out of range: " + port);
      }
    }

    /**
     * Reads {@code PORT} (8080), {@code MPP_REALM} ({@code localhost}), {@code MPP_SECRET_KEY} (a
     * random per-process secret when unset), {@code MPP_ALLOW_HTTP} and {@code
     * MPP_TRUST_FORWARDED_PROTO} ({@code true}/{@code 1}/{@code yes}), and {@code
     * MPP_OPERATOR_TOKEN} (at least 16 bytes; unset leaves the operator view off).
     *
     * @throws IllegalArgumentException when {@code PORT} is not a number
     */
    public static Config fromEnvironment(Map<String, String> env) {
      String portText = env.getOrDefault("PORT", "8080").trim();
      int port;
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("PORT is not a number: " + portText, e);
      }
      String key = env.get("MPP_SECRET_KEY");
      Secret secret;
      if (key == null || key.isBlank()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "MPP_SECRET_KEY is not set: using a random secret, so challenges do not survive a"
                + " restart and cannot be shared between instances");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = Secret.ofBytes(random);
      } else {
        secret = Secret.of(key);
        if (secret.length() < Secret.MIN_HMAC_BYTES) {
          throw new IllegalArgumentException(
              "MPP_SECRET_KEY must be at least "
                  + Secret.MIN_HMAC_BYTES
                  + " bytes (generate one with: openssl rand -base64 48)");
        }
      }
      String operator = env.get("MPP_OPERATOR_TOKEN");
      Secret operatorToken = null;
      if (operator != null && !operator.isBlank()) {
        operatorToken = Secret.of(operator.trim());
        if (operatorToken.length() < 16) {
          throw new IllegalArgumentException("MPP_OPERATOR_TOKEN must be at least 16 bytes");
        }
      }
      return new Config(
          port,
          env.getOrDefault("MPP_REALM", "localhost"),
          secret,
          isTrue(env.get("MPP_ALLOW_HTTP")),
          isTrue(env.get("MPP_TRUST_FORWARDED_PROTO")),
          operatorToken);
    }

    private static boolean isTrue(String value) {
      return value != null && value.trim().toLowerCase(java.util.Locale.ROOT).matches("true|1|yes");
    }
  }

  /**
   * Starts the server with {@code methods} offered on every paid route, in this order, and a {@link
   * MemoryStore} of its own (one instance only).
   *
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public static ExampleServer start(Config config, List<PaymentMethod> methods) throws Exception {
    return start(config, methods, new MemoryStore());
  }

  /**
   * Starts the server with {@code store} holding challenge claims, methods' replay keys and
   * idempotent responses. Instances sharing one store accept each credential once between them. The
   * server owns the store: it is closed (if {@link AutoCloseable}) when the server closes or fails
   * to start.
   */
  public static ExampleServer start(Config config, List<PaymentMethod> methods, Store store)
      throws Exception {
    return start(config, methods, new Persistence(store, new MemoryLedger()));
  }

  /**
   * Starts the server with a store and a payment ledger. The server owns both: they are closed when
   * the server closes or fails to start.
   */
  public static ExampleServer start(
      Config config, List<PaymentMethod> methods, Persistence persistence) throws Exception {
    Objects.requireNonNull(persistence, "persistence");
    try {
      return startWith(config, methods, persistence);
    } catch (Exception | Error e) {
      persistence.close();
      throw e;
    }
  }

  private static ExampleServer startWith(
      Config config, List<PaymentMethod> methods, Persistence persistence) throws Exception {
    Store store = persistence.store();
    Mpp.Builder engine =
        Mpp.builder()
            .realm(config.realm())
            .secret(config.secret())
            .store(store)
            .ledger(persistence.ledger());
    methods.forEach(engine::method);
    Mpp mpp = engine.build();
    List<String> ids = methods.stream().map(PaymentMethod::id).toList();

    ServletContextHandler context = new ServletContextHandler("/");
    RouteTable.Builder routes =
        RouteTable.builder().route("GET", "/api/search", SearchServlet.pricing(ids));
    SessionRoutes.install(methods, routes, context);
    ExampleSubscriptions.route(routes, methods);
    PaymentFilter filter =
        PaymentFilter.builder(mpp)
            .defaultMethods(ids.toArray(String[]::new))
            .routes(routes.build())
            .allowInsecureHttp(config.allowHttp())
            .trustForwardedProto(config.trustForwardedProto())
            .discovery("mpp4j example", "0.1.0")
            .x402(ids.contains(EvmMethod.ID))
            .build();

    FilterHolder traceRefusal = new FilterHolder(new TraceRefusal());
    traceRefusal.setAsyncSupported(true);
    context.addFilter(traceRefusal, "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder payments = new FilterHolder(filter);
    payments.setAsyncSupported(true); // the MCP endpoint answers asynchronously (SSE)
    context.addFilter(payments, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("default", new NotFoundServlet()), "/");
    context.addServlet(new ServletHolder("free", new FreeServlet()), "/free");
    context.addServlet(new ServletHolder("fortune", new FortuneServlet()), "/api/fortune");
    context.addServlet(new ServletHolder("premium", new PremiumServlet()), "/api/premium");
    context.addServlet(new ServletHolder("echo", new EchoServlet()), "/api/echo");
    context.addServlet(new ServletHolder("search", new SearchServlet()), "/api/search");
    context.addServlet(new ServletHolder("orders", new OrdersServlet()), "/api/orders");
    ExampleMcp.mount(context, mpp, ids, SessionRoutes.enabled(methods), config);
    ExampleOperator.mount(context, mpp, methods, config);
    ExampleSubscriptions subscriptions = ExampleSubscriptions.mount(context, methods);

    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    http.setHeaderCacheSize(HEADER_CACHE_CHARS);
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(config.port());
    server.addConnector(connector);
    server.setHandler(context);
    try {
      server.start();
      if (!context.isAvailable()) {
        server.stop();
        throw new IllegalStateException("the example application failed to start; see the log");
      }
    } catch (Exception | Error e) {
      subscriptions.close();
      throw e;
    }
    if (!config.allowHttp()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "paid routes require HTTPS: set MPP_ALLOW_HTTP=true for local development, or"
              + " MPP_TRUST_FORWARDED_PROTO=true behind a TLS-terminating proxy");
    }
    return new ExampleServer(
        server, connector.getLocalPort(), persistence, mpp, methods, subscriptions);
  }

  /** The payment engine, e.g. to read its ledger. */
  public Mpp mpp() {
    return mpp;
  }

  public int port() {
    return port;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + port + pathAndQuery);
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops the server and its renewal job, then its methods' background work, then closes its store
   * and ledger.
   */
  @Override
  public void close() throws Exception {
    try {
      subscriptions.close();
      server.stop();
    } finally {
      try {
        SessionRoutes.close(methods);
      } finally {
        persistence.close();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    ExampleServer server;
    try {
      Config config = Config.fromEnvironment(env);
      List<PaymentMethod> methods = ExampleMethods.fromEnvironment(env);
      server = start(config, methods, ExampleStores.persistence(env));
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("mpp4j example: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeQuietly(server), "mpp-example-shutdown"));
    LOG.log(
        System.Logger.Level.INFO,
        "mpp4j example listening on {0} (try GET /free, /api/fortune, /openapi.json; MCP at /mcp)",
        server.uri("/"));
    server.join();
  }

  private static void closeQuietly(ExampleServer server) {
    try {
      server.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "stopping the example server failed");
    }
  }
}
