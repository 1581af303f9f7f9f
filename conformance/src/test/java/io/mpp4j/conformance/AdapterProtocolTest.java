package io.mpp4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.conformance.ConformanceVectors;
import io.mpp4j.core.conformance.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** The adapter envelope: responses, error types, unknown operations and the receipt operations. */
class AdapterProtocolTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final Adapter adapter =
      new Adapter(
          OperationRegistry.standard(), new PrintStream(logged, true, StandardCharsets.UTF_8));
  private final AdapterDriver driver = new AdapterDriver(adapter);

  private static JsonNode json(String text) {
    try {
      return AdapterDriver.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void handleWhenUnknownOperationThenUnsupportedOperation() {
    JsonNode response =
        json(adapter.handle("{\"schema\":1,\"op\":\"http.payment_request\",\"input\":{}}"));

    assertThat(response.path("ok").asBoolean(true)).isFalse();
    assertThat(response.path("error").path("type").asText()).isEqualTo("unsupported_operation");
    assertThat(response.path("error").path("message").asText()).contains("http.payment_request");
  }

  @Test
  void handleWhenOtherSchemaThenUnsupportedOperation() {
    JsonNode response =
        json(
            adapter.handle(
                "{\"schema\":2,\"op\":\"base64url.encode\",\"input\":{\"text\":\"a\"}}"));

    assertThat(response.path("error").path("type").asText()).isEqualTo("unsupported_operation");
  }

  @Test
  void handleWhenRequestIsNotJsonThenUnknownErrorResponse() {
    JsonNode response = json(adapter.handle("not json"));

    assertThat(response.path("ok").asBoolean(true)).isFalse();
    assertThat(response.path("error").path("type").asText()).isEqualTo("unknown_error");
  }

  @Test
  void handleWhenInputMissingThenTheOperationsOwnErrorType() {
    JsonNode response = json(adapter.handle("{\"schema\":1,\"op\":\"challenge.parse\"}"));

    assertThat(response.path("error").path("type").asText()).isEqualTo("parse_error");
  }

  @Test
  void handleWhenOperationThrowsUnexpectedlyThenUnknownErrorWithoutItsMessage() {
    OperationRegistry failing =
        OperationRegistry.builder()
            .register(
                "challenge.parse",
                input -> {
                  throw new IllegalStateException("secret detail");
                })
            .build();
    Adapter broken = new Adapter(failing, new PrintStream(logged, true, StandardCharsets.UTF_8));

    JsonNode response =
        json(
            broken.handle(
                "{\"schema\":1,\"op\":\"challenge.parse\",\"input\":{\"header\":\"x\"}}"));

    assertThat(response.path("error").path("type").asText()).isEqualTo("unknown_error");
    assertThat(response.toString()).doesNotContain("secret detail");
  }

  @Test
  void handleLogsToTheLogStreamWithoutInputs() {
    adapter.handle(
        "{\"schema\":1,\"op\":\"challenge.id\",\"input\":{\"secretKey\":\"super-secret-value-of-32-bytes-long\","
            + "\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\",\"request\":{}},"
            + "\"context\":{\"caseName\":\"case-1\"}}");

    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("challenge.id").contains("case-1").contains("ok");
    assertThat(log).doesNotContain("super-secret");
  }

  @Test
  void responsesAreUtf8Json() {
    String response =
        adapter.handle(
            "{\"schema\":1,\"op\":\"base64url.decode\",\"input\":{\"text\":\""
                + Base64Url.encode("caf\u00e9 \u2615")
                + "\"}}");

    assertThat(json(response).path("value").path("text").asText()).isEqualTo("caf\u00e9 \u2615");
  }

  @Test
  void registryAnswersEveryServerSideOperationOfTheSuite() {
    JsonNode operations =
        json(readString(ConformanceVectors.directory().resolve("operations.json")))
            .path("operations");
    for (Iterator<String> names = operations.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      boolean serverSide = !name.startsWith("http.");
      if (serverSide) {
        assertThat(OperationRegistry.standard().find(name)).as(name).isPresent();
      }
    }
  }

  @Test
  void registryRefusesAnOperationRegisteredTwice() {
    OperationRegistry.Builder builder =
        OperationRegistry.builder().register("x", ChallengeOperations::parse);

    assertThatThrownBy(() -> builder.register("x", ChallengeOperations::format))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A method module's own failure type, as the Tempo and Stripe conformance helpers have. */
  static final class ModuleFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    ModuleFailure(String type, String message) {
      super(message);
      this.type = type;
    }

    String type() {
      return type;
    }
  }

  @Test
  void registryMapsAModulesOwnFailureToItsErrorType() {
    OperationRegistry registry =
        OperationRegistry.builder()
            .register(
                "tempo.receipt.verify",
                input -> {
                  throw new ModuleFailure("verification_error", "memo does not match");
                },
                ModuleFailure.class,
                ModuleFailure::type)
            .build();
    AdapterDriver module =
        new AdapterDriver(
            new Adapter(registry, new PrintStream(logged, true, StandardCharsets.UTF_8)));

    Outcome outcome = module.call("tempo.receipt.verify", AdapterDriver.MAPPER.createObjectNode());

    assertThat(outcome.errorType()).isEqualTo("verification_error");
    assertThat(outcome.message()).isEqualTo("memo does not match");
  }

  @Test
  void receiptFormatThenParseGivesTheSameReceipt() {
    JsonNode receipt =
        json(
            "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00.000Z\","
                + "\"reference\":\"0xabc\",\"externalId\":\"order-1\",\"extra\":{\"challengeId\":\"ch_1\"}}");

    Outcome formatted = driver.call("receipt.format", receipt);
    Outcome parsed =
        driver.call(
            "receipt.parse",
            AdapterDriver.MAPPER
                .createObjectNode()
                .put("header", formatted.value().get("header").asText()));

    assertThat(parsed.value()).isEqualTo(receipt);
    assertThat(Base64Url.decodeUtf8(formatted.value().get("header").asText()))
        .contains("\"challengeId\":\"ch_1\"")
        .contains("\"externalId\":\"order-1\"");
  }

  @Test
  void receiptParseWhenAnotherSdkOmitsMillisecondsThenSameInstant() {
    String header =
        Base64Url.encode(
            "{\"status\":\"success\",\"method\":\"stripe\",\"timestamp\":\"2026-01-29T12:00:00Z\","
                + "\"reference\":\"pi_1\"}");

    Outcome parsed =
        driver.call("receipt.parse", AdapterDriver.MAPPER.createObjectNode().put("header", header));

    assertThat(parsed.value())
        .isEqualTo(
            json(
                "{\"status\":\"success\",\"method\":\"stripe\","
                    + "\"timestamp\":\"2026-01-29T12:00:00.000Z\",\"reference\":\"pi_1\"}"));
  }

  @Test
  void receiptFormatWhenIncompleteOrWrongTypesThenFormatError() {
    String[] bad = {
      "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\"}",
      "{\"status\":\"pending\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\"}",
      "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"noon\",\"reference\":\"r\"}",
      "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\","
          + "\"extra\":{\"reference\":\"other\"}}",
      "{\"status\":\"success\",\"method\":\"tempo\",\"timestamp\":\"2026-01-29T12:00:00Z\",\"reference\":\"r\","
          + "\"extra\":[1]}"
    };
    for (String receipt : bad) {
      Outcome outcome = driver.call("receipt.format", json(receipt));
      assertThat(outcome.errorType()).as(receipt).isEqualTo("format_error");
    }
  }

  @Test
  void receiptParseWhenNotAReceiptThenParseError() {
    ObjectNode input = AdapterDriver.MAPPER.createObjectNode().put("header", "e30");

    assertThat(driver.call("receipt.parse", input).errorType()).isEqualTo("parse_error");
  }

  @Test
  void challengeIdWhenWeakSecretThenGenerationError() {
    Outcome outcome =
        driver.call(
            "challenge.id",
            json(
                "{\"secretKey\":\"short\",\"realm\":\"r\",\"method\":\"tempo\",\"intent\":\"charge\","
                    + "\"request\":{}}"));

    assertThat(outcome.errorType()).isEqualTo("generation_error");
  }

  private static String readString(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
