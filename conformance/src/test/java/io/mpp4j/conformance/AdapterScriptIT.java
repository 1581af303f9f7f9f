package io.mpp4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Base64Url;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code conformance/adapter} executable as the harness runs it: a process, one request on
 * stdin, one response on stdout, exit code 0. Runs after {@code package} built its jar.
 */
class AdapterScriptIT {

  private static Path script() {
    String configured = System.getProperty("adapter.script");
    Path script = configured != null ? Path.of(configured) : Path.of("adapter").toAbsolutePath();
    assertThat(script).as("adapter script").isRegularFile().isExecutable();
    String jar = System.getProperty("adapter.jar");
    if (jar != null) {
      assertThat(Path.of(jar)).as("adapter jar built by package").isRegularFile();
    }
    return script;
  }

  private static JsonNode run(String request) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(script().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    process.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] stdout = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("adapter finished").isTrue();
    assertThat(process.exitValue()).as("adapter exit code").isZero();
    String response = new String(stdout, StandardCharsets.UTF_8);
    assertThat(response.lines().count()).as("one response line: %s", response).isEqualTo(1);
    return AdapterDriver.MAPPER.readTree(response);
  }

  @Test
  void adapterScriptAnswersOneChallengeIdVectorOverStdio() throws Exception {
    JsonNode response =
        run(
            "{\"schema\":1,\"op\":\"challenge.id\",\"input\":{"
                + "\"secretKey\":\"test-vector-secret-minimum-32-byte-secret\","
                + "\"realm\":\"api.example.com\",\"method\":\"tempo\",\"intent\":\"charge\","
                + "\"request\":{\"amount\":\"1000000\"}},\"context\":{\"caseName\":\"required_fields_only\"}}");

    assertThat(response.path("ok").asBoolean()).as(response.toString()).isTrue();
    assertThat(response.path("value").path("id").asText())
        .isEqualTo("6QDs0BmhrI_v67iWeCMvGqQJEFQ6ErWKlk7zi5xL6t0");
  }

  @Test
  void adapterScriptAnswersUnknownOperationsWithExitCodeZero() throws Exception {
    JsonNode response = run("{\"schema\":1,\"op\":\"http.payment_request\",\"input\":{}}");

    assertThat(response.path("ok").asBoolean(true)).isFalse();
    assertThat(response.path("error").path("type").asText()).isEqualTo("unsupported_operation");
  }

  @Test
  void adapterScriptKeepsNonAsciiTextIntact() throws Exception {
    JsonNode response =
        run("{\"schema\":1,\"op\":\"base64url.encode\",\"input\":{\"text\":\"caf\u00e9 \u2615\"}}");

    assertThat(response.path("value").path("text").asText())
        .isEqualTo(Base64Url.encode("caf\u00e9 \u2615"));
    assertThat(Files.exists(script())).isTrue();
  }
}
