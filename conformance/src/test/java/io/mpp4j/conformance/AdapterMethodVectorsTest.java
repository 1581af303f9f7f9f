package io.mpp4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.conformance.ConformanceVectors;
import io.mpp4j.core.conformance.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The payment methods' cross-SDK vectors (Tempo receipt verification, fee-payer co-signature and
 * proof typed data; Stripe external-id binding) answered through the adapter, as the maintainers'
 * harness would call it.
 */
class AdapterMethodVectorsTest {
  private final AdapterDriver adapter =
      new AdapterDriver(new Adapter(OperationRegistry.standard(), System.err));

  @TestFactory
  List<DynamicTest> tempoVectorsPassThroughTheAdapter() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file :
        List.of(
            "tempo-receipt-verification.json", "tempo-fee-payer-cosign.json", "tempo-proof.json")) {
      JsonNode vectors = read(file);
      String operation = vectors.path("commands").path("operation").asText();
      for (JsonNode scenario : vectors.path("scenarios")) {
        tests.add(
            DynamicTest.dynamicTest(
                file + " " + scenario.path("name").asText(),
                () -> expectOperation(operation, scenario)));
      }
    }
    assertThat(tests).hasSizeGreaterThan(10);
    return tests;
  }

  @TestFactory
  List<DynamicTest> stripeVectorsPassThroughTheAdapter() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode scenario : read("stripe-external-id-binding.json").path("scenarios")) {
      tests.add(
          DynamicTest.dynamicTest(
              scenario.path("name").asText(),
              () -> {
                Outcome outcome = adapter.call("stripe.external_id_binding", scenario.get("input"));
                assertThat(outcome.isOk()).as(outcome.toString()).isTrue();
                assertThat(normalised(outcome.value()))
                    .isEqualTo(normalised(scenario.get("expected")));
              }));
    }
    assertThat(tests).isNotEmpty();
    return tests;
  }

  @org.junit.jupiter.api.Test
  void methodOperationWhenInputMalformedThenTypedVerificationError() {
    Outcome outcome =
        adapter.call("tempo.proof.typed_data", AdapterDriver.MAPPER.createObjectNode());

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.errorType()).isEqualTo("verification_error");
  }

  private void expectOperation(String operation, JsonNode scenario) {
    Outcome outcome = adapter.call(operation, scenario.get("input"));
    JsonNode expected = scenario.get("expected");
    if (expected.path("ok").asBoolean()) {
      assertThat(outcome.isOk()).as(outcome.toString()).isTrue();
      assertThat(normalised(outcome.value())).isEqualTo(normalised(expected.get("value")));
      return;
    }
    assertThat(outcome.isOk()).as("expected a failure").isFalse();
    assertThat(outcome.errorType()).isEqualTo(expected.path("error").path("type").asText());
    JsonNode contains = expected.path("error").get("messageContains");
    if (contains != null) {
      assertThat(outcome.message()).contains(contains.asText());
    }
  }

  private static JsonNode read(String file) throws IOException {
    Path path = ConformanceVectors.directory().resolve("vectors").resolve(file);
    return AdapterDriver.MAPPER.readTree(Files.readAllBytes(path));
  }

  /** Numbers compared by value, as the vector README asks. */
  private static JsonNode normalised(JsonNode node) {
    try {
      return AdapterDriver.MAPPER.readTree(AdapterDriver.MAPPER.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
