package io.mpp4j.examples;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.mpp4j.core.Mpp;
import io.mpp4j.examples.ExampleServer.Config;
import io.mpp4j.mcp.McpPayments;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The example server's MCP endpoint, streamable HTTP at {@code /mcp}
 * (draft-payment-transport-mcp-00 over the same engine as the HTTP routes): a free {@code echo}
 * tool taking {@code {text}} and a {@code fortune} tool at 0.01 through the same methods as {@code
 * GET /api/fortune}; with sessions configured, the session-paid tools of {@link
 * ExampleMcpSessions}.
 */
final class ExampleMcp {
  static final String PATH = "/mcp";

  private ExampleMcp() {}

  /**
   * Serves the tools at {@link #PATH}. Unless plain HTTP is allowed, MCP requests that did not
   * arrive over TLS are refused (400), as the filter refuses payments on the HTTP routes: the
   * transport draft requires TLS on network transports.
   */
  static void mount(
      ServletContextHandler context,
      Mpp mpp,
      List<String> methods,
      boolean sessions,
      Config config) {
    if (!config.allowHttp()) {
      FilterHolder https = new FilterHolder(new HttpsOnly(config.trustForwardedProto()));
      https.setAsyncSupported(true);
      context.addFilter(https, PATH, EnumSet.of(DispatcherType.REQUEST));
    }
    context.addServlet(servlet(mpp, methods, sessions), PATH);
  }

  /** The SDK's transport servlet serving the tools; async, as it answers over SSE. */
  private static ServletHolder servlet(Mpp mpp, List<String> methods, boolean sessions) {
    McpPayments payments =
        McpPayments.builder(mpp).defaultMethods(methods.toArray(String[]::new)).build();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpPayments.jsonMapper())
            .mcpEndpoint(PATH)
            .build();
    List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
    tools.add(echo());
    tools.add(fortune(payments));
    if (sessions) {
      tools.addAll(ExampleMcpSessions.tools(payments));
    }
    McpServer.sync(transport)
        .serverInfo("mpp4j example", "0.1.0")
        .capabilities(
            payments.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()))
        .tools(tools)
        .build();
    ServletHolder holder = new ServletHolder("mcp", transport);
    holder.setAsyncSupported(true);
    return holder;
  }

  private static McpServerFeatures.SyncToolSpecification echo() {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Echoes text back, free")
            .inputSchema(
                Map.of(
                    "type", "object",
                    "properties", Map.of("text", Map.of("type", "string")),
                    "required", List.of("text")))
            .build();
    return new McpServerFeatures.SyncToolSpecification(
        tool,
        (exchange, request) ->
            CallToolResult.builder()
                .addTextContent(String.valueOf(request.arguments().get("text")))
                .build());
  }

  private static McpServerFeatures.SyncToolSpecification fortune(McpPayments payments) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("fortune")
            .description("A fortune, 0.01 per call")
            .inputSchema(Map.of("type", "object"))
            .build();
    return payments.tool(
        tool,
        McpPayments.Pricing.of("0.01").description("A fortune"),
        (exchange, request, paid) -> {
          String fortune = FortuneServlet.next();
          return CallToolResult.builder()
              .addTextContent(fortune)
              .structuredContent(Map.of("fortune", fortune, "paid", paid.payment().reference()))
              .build();
        });
  }

  /** Refuses requests that did not arrive over TLS (or from a trusted TLS-terminating proxy). */
  private record HttpsOnly(boolean trustForwardedProto) implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      String forwarded = http.getHeader("X-Forwarded-Proto");
      boolean viaTls =
          http.isSecure()
              || (trustForwardedProto
                  && forwarded != null
                  && forwarded.substring(forwarded.lastIndexOf(',') + 1).trim().equals("https"));
      if (viaTls) {
        chain.doFilter(request, response);
        return;
      }
      HttpServletResponse refused = (HttpServletResponse) response;
      refused.setStatus(400);
      refused.setContentType("application/problem+json");
      refused
          .getWriter()
          .write(
              "{\"type\":\"https://paymentauth.org/problems/bad-request\",\"title\":\"Bad"
                  + " Request\",\"status\":400,\"detail\":\"MCP with payments requires HTTPS.\"}");
    }
  }
}
