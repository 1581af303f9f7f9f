package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the Tempo cross-SDK conformance vectors from {@code ${mpp.conformance.dir}/vectors}. */
class TempoConformanceTest {
  static final List<String> FILES =
      List.of("tempo-receipt-verification.json", "tempo-fee-payer-cosign.json", "tempo-proof.json");

  @TestFactory
  Stream<DynamicTest> vectors() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : FILES) {
      JsonNode vectors =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(Files.readAllBytes(vectorDir().resolve(file)));
      String operation = vectors.path("commands").path("operation").asText();
      for (JsonNode scenario : vectors.path("scenarios")) {
        if (scenario.has("adapters") && !contains(scenario.get("adapters"), "java")) {
          continue;
        }
        tests.add(
            DynamicTest.dynamicTest(
                file + " " + scenario.path("name").asText(), () -> run(operation, scenario)));
      }
    }
    return tests.stream();
  }

  @Test
  void everyVectorFileHasScenarios() throws IOException {
    for (String file : FILES) {
      JsonNode vectors =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(Files.readAllBytes(vectorDir().resolve(file)));
      assertThat(vectors.path("scenarios").size()).as(file).isPositive();
    }
  }

  private static void run(String operation, JsonNode scenario) {
    ObjectNode input = (ObjectNode) scenario.get("input");
    JsonNode expected = scenario.get("expected");
    if (expected.path("ok").asBoolean()) {
      ObjectNode value = TempoConformance.run(operation, input, Clock.systemUTC());
      assertThat(normalise(value)).isEqualTo(normalise(expected.get("value")));
      return;
    }
    TempoConformance.Failure failure =
        catchThrowableOfType(
            TempoConformance.Failure.class,
            () -> TempoConformance.run(operation, input, Clock.systemUTC()));
    assertThat(failure).as("expected a failure").isNotNull();
    JsonNode error = expected.get("error");
    assertThat(failure.type()).isEqualTo(error.path("type").asText());
    if (error.has("messageContains")) {
      assertThat(failure.getMessage()).contains(error.get("messageContains").asText());
    }
  }

  /** Numbers compared by value, as the vector README asks. */
  private static JsonNode normalise(JsonNode node) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.write(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  static Path vectorDir() {
    String dir = System.getProperty("mpp.conformance.dir");
    assertThat(dir).as("system property mpp.conformance.dir").isNotNull();
    Path path = Path.of(dir, "vectors");
    assertThat(path).as("conformance vectors").isDirectory();
    return path;
  }
}
