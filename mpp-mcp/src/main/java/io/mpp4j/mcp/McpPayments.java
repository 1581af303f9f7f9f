package io.mpp4j.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.mpp4j.core.Meter;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Payment;
import io.mpp4j.core.Price;
import io.mpp4j.core.Settlement;
import io.mpp4j.core.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Paid MCP tools, resources and prompts on the official MCP Java SDK: the Payment JSON-RPC
 * transport of draft-payment-transport-mcp-00 over the same {@link Mpp} engine as the HTTP filter.
 *
 * <p>Declare an operation as paid next to its handler; the returned specification goes to the SDK's
 * server builder as usual. A call without {@code params._meta["org.paymentauth/credential"]}
 * answers JSON-RPC error {@value #PAYMENT_REQUIRED} with the challenges (§"Payment Challenge"); a
 * credential that fails verification {@value #VERIFICATION_FAILED} with fresh challenges and the
 * failure (§"Payment Verification Failure"); a malformed one {@value #INVALID_PARAMS}; a paid call
 * runs the handler and returns the receipt in {@code result._meta["org.paymentauth/receipt"]}. Each
 * challenge is bound to one operation: the tool or prompt name and a SHA-256 of its canonical (RFC
 * 8785) arguments, or the resource URI, so a credential pays for exactly that call, once, across
 * every instance sharing the engine's store.
 *
 * <pre>{@code
 * McpPayments payments = McpPayments.builder(mpp).build();
 * McpSyncServer server = McpServer.sync(transport)
 *     .capabilities(payments.capabilities(ServerCapabilities.builder().tools(true).build()))
 *     .tools(payments.tool(fortuneTool, Pricing.of("0.01"),
 *         (exchange, request, paid) -> CallToolResult.builder().addTextContent("...").build()))
 *     .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class McpPayments {
  /** JSON-RPC error code: payment required (challenges in {@code error.data}). */
  public static final int PAYMENT_REQUIRED = -32042;

  /** JSON-RPC error code: the credential failed verification (fresh challenges, failure). */
  public static final int VERIFICATION_FAILED = -32043;

  /** JSON-RPC error code: a malformed credential or a payload the method cannot read. */
  public static final int INVALID_PARAMS = -32602;

  /** JSON-RPC error code: the payment could not be processed (store, chain or processor down). */
  public static final int INTERNAL_ERROR = -32603;

  /** The {@code _meta} key of the credential in a request. */
  public static final String CREDENTIAL_META = "org.paymentauth/credential";

  /** The {@code _meta} key of the receipt in a result. */
  public static final String RECEIPT_META = "org.paymentauth/receipt";

  private final Mpp mpp;
  private final List<String> defaultMethods;
  private final Gate gate;

  private McpPayments(Builder b) {
    this.mpp = b.mpp;
    this.defaultMethods =
        b.defaultMethods.isEmpty() ? mpp.methodIds() : List.copyOf(b.defaultMethods);
    this.gate = new Gate(mpp);
  }

  public static Builder builder(Mpp mpp) {
    return new Builder(mpp);
  }

  /**
   * The capability object {@code {"methods": {"tempo": {"intents": ["charge"]}}}} for {@code
   * capabilities.experimental.payment} (§"MCP Capability Advertisement").
   */
  public Map<String, Object> capability() {
    Map<String, Object> methods = new LinkedHashMap<>();
    mpp.intentsByMethod().forEach((id, intents) -> methods.put(id, Map.of("intents", intents)));
    return Map.of("methods", methods);
  }

  /** {@code base} with {@code experimental.payment} set to {@link #capability()}. */
  public McpSchema.ServerCapabilities capabilities(McpSchema.ServerCapabilities base) {
    Map<String, Object> experimental = new LinkedHashMap<>();
    if (base.experimental() != null) {
      experimental.putAll(base.experimental());
    }
    experimental.put("payment", capability());
    return base.mutate().experimental(experimental).build();
  }

  /**
   * The SDK's default JSON mapper, made to read the credential where the transport draft allows it
   * (§"Metadata Placement"). Give it to the transport ({@code
   * HttpServletStreamableServerTransportProvider.builder().jsonMapper(...)}, stdio, SSE): a
   * credential in a request's root-level {@code _meta}, which the SDK would drop, reaches {@code
   * params._meta}; notifications are read without a credential, so a paid call sent as a
   * notification, which the SDK never runs, does not write its credential to the SDK's log.
   */
  public static McpJsonMapper jsonMapper() {
    return jsonMapper(McpJsonDefaults.getMapper());
  }

  /** {@link #jsonMapper()} over a mapper of your own. */
  public static McpJsonMapper jsonMapper(McpJsonMapper mapper) {
    return new MetaMapper(Objects.requireNonNull(mapper, "mapper"));
  }

  /** A paid tool: {@code tools/call} bound to the tool name and its arguments. */
  public McpServerFeatures.SyncToolSpecification tool(
      McpSchema.Tool tool,
      Pricing pricing,
      PaidHandler<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
    PaidCall<CallToolRequest, CallToolResult> call = call(Operations.TOOL, pricing);
    return new McpServerFeatures.SyncToolSpecification(
        tool, (exchange, request) -> call.sync(exchange, request, handler));
  }

  /** {@link #tool} for the async server; verification runs on Reactor's bounded elastic pool. */
  public McpServerFeatures.AsyncToolSpecification asyncTool(
      McpSchema.Tool tool,
      Pricing pricing,
      PaidHandler<McpAsyncServerExchange, CallToolRequest, Mono<CallToolResult>> handler) {
    PaidCall<CallToolRequest, CallToolResult> call = call(Operations.TOOL, pricing);
    return new McpServerFeatures.AsyncToolSpecification(
        tool, (exchange, request) -> call.async(exchange, request, handler));
  }

  /** A paid resource: {@code resources/read} bound to the resource URI. */
  public McpServerFeatures.SyncResourceSpecification resource(
      McpSchema.Resource resource,
      Pricing pricing,
      PaidHandler<McpSyncServerExchange, ReadResourceRequest, ReadResourceResult> handler) {
    PaidCall<ReadResourceRequest, ReadResourceResult> call = call(Operations.RESOURCE, pricing);
    return new McpServerFeatures.SyncResourceSpecification(
        resource, (exchange, request) -> call.sync(exchange, request, handler));
  }

  /** {@link #resource} for the async server. */
  public McpServerFeatures.AsyncResourceSpecification asyncResource(
      McpSchema.Resource resource,
      Pricing pricing,
      PaidHandler<McpAsyncServerExchange, ReadResourceRequest, Mono<ReadResourceResult>> handler) {
    PaidCall<ReadResourceRequest, ReadResourceResult> call = call(Operations.RESOURCE, pricing);
    return new McpServerFeatures.AsyncResourceSpecification(
        resource, (exchange, request) -> call.async(exchange, request, handler));
  }

  /** A paid resource template: each concrete URI read is its own operation. */
  public McpServerFeatures.SyncResourceTemplateSpecification resourceTemplate(
      McpSchema.ResourceTemplate template,
      Pricing pricing,
      PaidHandler<McpSyncServerExchange, ReadResourceRequest, ReadResourceResult> handler) {
    PaidCall<ReadResourceRequest, ReadResourceResult> call = call(Operations.RESOURCE, pricing);
    return new McpServerFeatures.SyncResourceTemplateSpecification(
        template, (exchange, request) -> call.sync(exchange, request, handler));
  }

  /** A paid prompt: {@code prompts/get} bound to the prompt name and its arguments. */
  public McpServerFeatures.SyncPromptSpecification prompt(
      McpSchema.Prompt prompt,
      Pricing pricing,
      PaidHandler<McpSyncServerExchange, GetPromptRequest, GetPromptResult> handler) {
    PaidCall<GetPromptRequest, GetPromptResult> call = call(Operations.PROMPT, pricing);
    return new McpServerFeatures.SyncPromptSpecification(
        prompt, (exchange, request) -> call.sync(exchange, request, handler));
  }

  /** {@link #prompt} for the async server. */
  public McpServerFeatures.AsyncPromptSpecification asyncPrompt(
      McpSchema.Prompt prompt,
      Pricing pricing,
      PaidHandler<McpAsyncServerExchange, GetPromptRequest, Mono<GetPromptResult>> handler) {
    PaidCall<GetPromptRequest, GetPromptResult> call = call(Operations.PROMPT, pricing);
    return new McpServerFeatures.AsyncPromptSpecification(
        prompt, (exchange, request) -> call.async(exchange, request, handler));
  }

  private <Q, R> PaidCall<Q, R> call(Operations.Kind<Q, R> kind, Pricing pricing) {
    List<Offer> offers = Objects.requireNonNull(pricing, "pricing").offers(defaultMethods);
    offers.forEach(mpp::request);
    return new PaidCall<>(gate, kind, offers);
  }

  /**
   * The handler of a paid operation: runs only after the payment was accepted, with the request
   * (its credential removed from {@code _meta}) and the {@link PaidRequest}.
   *
   * @param <X> the SDK's server exchange
   * @param <Q> the request
   * @param <R> the result (a {@link Mono} of it for the async server)
   * @since 0.2.0
   */
  @FunctionalInterface
  public interface PaidHandler<X, Q, R> {
    R handle(X exchange, Q request, PaidRequest paid);
  }

  /**
   * What a paid handler gets: the verified {@link Payment}, and for metered intents (a session) the
   * usage to charge when it returns, or a {@link Meter} to charge as it goes.
   *
   * @since 0.2.0
   */
  public static final class PaidRequest {
    private final Settlement settlement;
    private final AtomicLong usage = new AtomicLong();
    private volatile boolean meterTaken;

    PaidRequest(Settlement settlement) {
      this.settlement = settlement;
    }

    public Payment payment() {
      return settlement.payment();
    }

    /**
     * Adds {@code units} to what this call consumed; a metered intent charges them, times its price
     * per unit, when the handler returns and before the result is sent. When the payer's vouchers
     * do not cover them the call is refused ({@value #VERIFICATION_FAILED}, {@code
     * session/insufficient-balance}), the result withheld and nothing charged. Ignored by intents
     * that do not meter.
     */
    public void recordUsage(long units) {
      if (units < 0) {
        throw new IllegalArgumentException("units must not be negative");
      }
      usage.addAndGet(units);
    }

    /**
     * Charging while the handler runs, when the paying intent supports it. A handler that takes the
     * meter charges through it; {@link #recordUsage} is then not charged again.
     */
    public Optional<Meter> meter() {
      meterTaken = true;
      return settlement.meter();
    }

    boolean meterUnused() {
      return !meterTaken;
    }

    Usage usage() {
      return Usage.units(usage.get());
    }

    Settlement settlement() {
      return settlement;
    }
  }

  /**
   * What an operation costs: a price, the methods offered (the payments' default methods when none
   * are named), the intent ({@code charge} by default) and display text; or explicit {@link
   * Offer}s.
   */
  public static final class Pricing {
    private final Price price;
    private final List<String> methods;
    private final String intent;
    private final String description;
    private final List<Offer> offers;

    private Pricing(
        Price price, List<String> methods, String intent, String description, List<Offer> offers) {
      this.price = price;
      this.methods = methods;
      this.intent = intent;
      this.description = description;
      this.offers = offers;
    }

    /** A {@code charge} of {@code decimal} (e.g. {@code "0.01"}) through the default methods. */
    public static Pricing of(String decimal) {
      return new Pricing(Price.of(decimal), List.of(), Offer.CHARGE, null, null);
    }

    /** Exactly these offers (currency, recipient, terms such as a session's unit type). */
    public static Pricing offers(Offer... offers) {
      if (offers.length == 0) {
        throw new IllegalArgumentException("a paid operation needs at least one offer");
      }
      return new Pricing(null, List.of(), null, null, List.of(offers));
    }

    /** The methods to offer, in challenge order. */
    public Pricing methods(String... ids) {
      requirePrice();
      return new Pricing(price, List.of(ids), intent, description, null);
    }

    /** The payment intent ({@code charge}, {@code session}). */
    public Pricing intent(String name) {
      requirePrice();
      return new Pricing(price, methods, Objects.requireNonNull(name, "intent"), description, null);
    }

    /** Display text carried in each challenge. */
    public Pricing description(String text) {
      requirePrice();
      return new Pricing(price, methods, intent, text, null);
    }

    List<Offer> offers(List<String> defaultMethods) {
      if (offers != null) {
        return offers;
      }
      List<Offer> built = new ArrayList<>();
      for (String method : methods.isEmpty() ? defaultMethods : methods) {
        built.add(Offer.of(method, intent).price(price).description(description).build());
      }
      return List.copyOf(built);
    }

    private void requirePrice() {
      if (offers != null) {
        throw new IllegalStateException("explicit offers carry their own methods and intent");
      }
    }
  }

  /**
   * Configures {@link McpPayments}.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final Mpp mpp;
    private final List<String> defaultMethods = new ArrayList<>();

    private Builder(Mpp mpp) {
      this.mpp = Objects.requireNonNull(mpp, "mpp");
    }

    /** Methods offered by a {@link Pricing} that names none; every registered method by default. */
    public Builder defaultMethods(String... ids) {
      defaultMethods.clear();
      defaultMethods.addAll(List.of(ids));
      return this;
    }

    public McpPayments build() {
      for (String id : defaultMethods) {
        if (!mpp.methodIds().contains(id)) {
          throw new IllegalArgumentException("no payment method registered as " + id);
        }
      }
      return new McpPayments(this);
    }
  }
}
