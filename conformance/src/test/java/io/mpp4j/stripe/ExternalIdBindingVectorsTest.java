package io.mpp4j.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cross-SDK vectors {@code stripe-external-id-binding.json} through {@link
 * StripeConformance#externalIdBinding}. Every scenario runs, although the file lists only other
 * SDKs in {@code adapters}: the rule it checks (attribution only from the server-bound request) is
 * one this SDK implements and must keep.
 */
class ExternalIdBindingVectorsTest {
  private static final String FILE = "vectors/stripe-external-id-binding.json";

  private static ObjectNode vectors() throws IOException {
    String dir = System.getProperty("mpp.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException("system property mpp.conformance.dir is not set");
    }
    Path file = Path.of(dir).resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("conformance vectors not found at " + file.toAbsolutePath());
    }
    return Json.parseObject(Files.readAllBytes(file));
  }

  @Test
  void vectorsWhenLoadedThenEveryScenarioIsPresent() throws IOException {
    assertThat(vectors().get("scenarios")).hasSize(5);
  }

  @Test
  void externalIdBindingWhenInputMalformedThenIllegalArgument() {
    ObjectNode input = Json.object();
    input.putObject("request").put("amount", "2500").put("currency", "usd");
    input.putObject("payload").put("spt", "spt_x1");

    assertThatThrownBy(() -> StripeConformance.externalIdBinding(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paymentIntent");
  }

  @TestFactory
  List<DynamicTest> externalIdBindingWhenScenarioThenExpectedResult() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode scenario : vectors().get("scenarios")) {
      tests.add(
          DynamicTest.dynamicTest(
              scenario.get("name").textValue(),
              () -> {
                ObjectNode result =
                    StripeConformance.externalIdBinding((ObjectNode) scenario.get("input"));
                assertThat(result).isEqualTo(scenario.get("expected"));
              }));
    }
    return tests;
  }
}
