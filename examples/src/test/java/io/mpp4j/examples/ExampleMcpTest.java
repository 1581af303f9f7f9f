package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Secret;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /mcp} follows the server's HTTPS rule, like the paid HTTP routes. */
class ExampleMcpTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  @Test
  void mcpWhenPlainHttpNotAllowedThenRefusedUnlessATrustedProxySaysHttps() throws Exception {
    try (ExampleServer server =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("example mcp test secret of 32+ bytes"), false, true),
            List.of(new FakePaymentMethod()))) {
      HttpResponse<String> plain = initialize(server, null);
      HttpResponse<String> proxied = initialize(server, "http, https");
      HttpResponse<String> proxiedPlain = initialize(server, "https, http");

      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(plain.body()).contains("requires HTTPS");
      assertThat(proxied.statusCode()).isEqualTo(200);
      assertThat(proxied.body()).contains("\"payment\":{\"methods\":{\"fake\"");
      assertThat(proxiedPlain.statusCode()).isEqualTo(400);
    }
  }

  private static HttpResponse<String> initialize(ExampleServer server, String forwardedProto)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(ExampleMcp.PATH))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (forwardedProto != null) {
      request.header("X-Forwarded-Proto", forwardedProto);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
