package io.mpp4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Secret;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on the wire: the SDK's streamable HTTP server on Jetty 12 and the SDK's own client,
 * so that errors, challenges and receipts survive the SDK's JSON (Jackson 3) unchanged.
 */
class StreamableHttpTest {
  private static final FakePaymentMethod FAKE = new FakePaymentMethod();
  private static final AtomicInteger FORTUNES = new AtomicInteger();
  private static Server jetty;
  private static McpSyncServer mcp;
  private static URI base;

  private McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    Mpp mpp =
        Mpp.builder()
            .realm("mcp.example")
            .secret(Secret.of("streamable http test secret, 32+ bytes"))
            .method(FAKE)
            .build();
    McpPayments payments = McpPayments.builder(mpp).build();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpPayments.jsonMapper())
            .mcpEndpoint("/mcp")
            .build();
    mcp =
        McpServer.sync(transport)
            .serverInfo("mpp4j test", "0.2.0")
            .capabilities(
                payments.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()))
            .tools(
                new McpServerFeatures.SyncToolSpecification(
                    tool("echo"),
                    (exchange, request) ->
                        CallToolResult.builder()
                            .addTextContent(String.valueOf(request.arguments().get("text")))
                            .build()),
                payments.tool(
                    tool("fortune"),
                    McpPayments.Pricing.of("0.01"),
                    (exchange, request, paid) -> {
                      FORTUNES.incrementAndGet();
                      return CallToolResult.builder().addTextContent("luck").build();
                    }))
            .build();
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder(transport);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterAll
  static void stop() throws Exception {
    mcp.close();
    jetty.stop();
  }

  @BeforeEach
  void connect() {
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(base.toString()).endpoint("/mcp").build())
            .build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void initializeWhenConnectedThenPaymentCapabilityAdvertised() {
    McpSchema.InitializeResult init = client.initialize();

    assertThat(init.capabilities().experimental())
        .containsEntry(
            "payment", Map.of("methods", Map.of("fake", Map.of("intents", List.of("charge")))));
    assertThat(client.listTools().tools())
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrder("echo", "fortune");
  }

  @Test
  void freeToolWhenCalledWithStrayCredentialThenCredentialIgnoredAndNoReceipt() {
    client.initialize();

    CallToolResult echoed =
        client.callTool(
            new CallToolRequest(
                "echo",
                Map.of("text", "hello"),
                Map.of(McpPayments.CREDENTIAL_META, Map.of("challenge", "garbage"))));

    assertThat(((McpSchema.TextContent) echoed.content().get(0)).text()).isEqualTo("hello");
    assertThat(echoed.meta()).isNull();
  }

  @Test
  void paidToolWhenCalledOverHttpThenErrorThenPaidResultWithReceipt() {
    client.initialize();
    McpError unpaid =
        catchThrowableOfType(
            McpError.class, () -> client.callTool(new CallToolRequest("fortune", Map.of())));
    Map<String, Object> challenge = Wire.challenges(unpaid).get(0);

    CallToolResult paid =
        client.callTool(
            new CallToolRequest(
                "fortune",
                Map.of(),
                Map.of(McpPayments.CREDENTIAL_META, Wire.pay(challenge, "tok-http"))));

    assertThat(Wire.code(unpaid)).isEqualTo(-32042);
    assertThat(Wire.data(unpaid)).containsEntry("httpStatus", 402);
    assertThat(challenge.get("request")).isInstanceOf(Map.class);
    assertThat(paid.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(Wire.receipt(paid))
        .containsEntry("status", "success")
        .containsEntry("method", "fake")
        .containsEntry("reference", "fake_tok-http")
        .containsEntry("challengeId", challenge.get("id"));
  }

  @Test
  void paidToolWhenSentAsNotificationThenNothingRunsNothingIsChargedAndNoCredentialIsLogged()
      throws Exception {
    client.initialize();
    McpError unpaid =
        catchThrowableOfType(
            McpError.class, () -> client.callTool(new CallToolRequest("fortune", Map.of())));
    String challenge =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(Wire.pay(Wire.challenges(unpaid).get(0), "tok-notification"));
    int settledBefore = FAKE.settlements();
    int runsBefore = FORTUNES.get();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> init =
        post(
            http,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    String session = init.headers().firstValue("mcp-session-id").orElseThrow();

    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    HttpResponse<String> notification;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      notification =
          post(
              http,
              session,
              "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"fortune\","
                  + "\"arguments\":{},\"_meta\":{\""
                  + McpPayments.CREDENTIAL_META
                  + "\":"
                  + challenge
                  + "}}}");
    } finally {
      System.setErr(stderr);
    }
    CallToolResult afterwards =
        client.callTool(new CallToolRequest("echo", Map.of("text", "still serving")));

    assertThat(notification.statusCode()).isEqualTo(202);
    assertThat(notification.body()).isEmpty();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("No handler registered for notification method")
        .doesNotContain("tok-notification")
        .doesNotContain(McpPayments.CREDENTIAL_META);
    assertThat(FAKE.settlements()).isEqualTo(settledBefore);
    assertThat(FORTUNES.get()).isEqualTo(runsBefore);
    assertThat(((McpSchema.TextContent) afterwards.content().get(0)).text())
        .isEqualTo("still serving");
  }

  private static HttpResponse<String> post(HttpClient http, String session, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (session != null) {
      request.header("mcp-session-id", session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static McpSchema.Tool tool(String name) {
    return McpSchema.Tool.builder()
        .name(name)
        .inputSchema(
            Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))))
        .build();
  }
}
