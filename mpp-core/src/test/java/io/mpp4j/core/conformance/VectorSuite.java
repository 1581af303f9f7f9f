package io.mpp4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The core vector files as JUnit dynamic tests: one container per file, named with how many
 * scenarios ran, and one test per scenario, named after it. Scenarios whose {@code adapters} list
 * lacks {@code java} are for other SDKs only: they are counted in the container's name, not run.
 * Semantics follow the conformance README: parse(wire) equals object; parse(format(object)) equals
 * parse(wire); roundtrip parse(format(object)) equals object; error expectations name the error
 * type, which must also be one {@code operations.json} allows.
 */
public final class VectorSuite {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ConformanceDriver driver;

  public VectorSuite(ConformanceDriver driver) {
    this.driver = driver;
  }

  /** {@code www-authenticate.json}, {@code authorization.json}, base64url and challenge ids. */
  public List<DynamicNode> coreFiles() {
    return List.of(
        file("www-authenticate.json", s -> parseFormat("challenge", s)),
        file("authorization.json", s -> parseFormat("credential", s)),
        file("base64url.json", this::base64Url),
        file("challenge-id.json", this::challengeId));
  }

  private DynamicContainer file(String name, Consumer<Scenario> runner) {
    List<Scenario> scenarios = ConformanceVectors.scenarios(name);
    List<DynamicNode> tests = new ArrayList<>(scenarios.size());
    int run = 0;
    for (Scenario scenario : scenarios) {
      Optional<String> skip = scenario.skipReason();
      if (skip.isEmpty()) {
        run++;
        tests.add(DynamicTest.dynamicTest(scenario.name(), () -> runner.accept(scenario)));
      }
    }
    assertThat(run).as("%s must have scenarios for java", name).isPositive();
    String title =
        String.format(
            "%s: %d of %d scenarios run (%d are for other SDKs only)",
            name, run, scenarios.size(), scenarios.size() - run);
    return DynamicContainer.dynamicContainer(title, tests);
  }

  private void parseFormat(String kind, Scenario scenario) {
    String parse = kind + ".parse";
    String format = kind + ".format";
    scenario
        .test("parse")
        .ifPresent(
            e -> {
              if (e.succeeds()) {
                assertSemantic(
                    "parse", expectOk("parse", parse, header(scenario.wire())), scenario.object());
              } else {
                expectError("parse", parse, header(scenario.wire()), e.errorType());
              }
            });
    scenario
        .test("format")
        .ifPresent(
            e -> {
              if (e.succeeds()) {
                JsonNode formatted = expectOk("format", format, scenario.object());
                JsonNode reparsed = expectOk("format", parse, header(text(formatted, "header")));
                JsonNode parsedWire = expectOk("format", parse, header(scenario.wire()));
                assertSemantic(
                    "format (parse(format(object)) vs parse(wire))", reparsed, parsedWire);
              } else {
                expectError("format", format, scenario.object(), e.errorType());
              }
            });
    scenario
        .test("roundtrip")
        .ifPresent(
            e -> {
              JsonNode formatted = expectOk("roundtrip", format, scenario.object());
              JsonNode reparsed = expectOk("roundtrip", parse, header(text(formatted, "header")));
              assertSemantic("roundtrip", reparsed, scenario.object());
            });
  }

  private void base64Url(Scenario scenario) {
    scenario
        .test("parse")
        .ifPresent(
            e -> {
              JsonNode input = textValue(scenario.member("encoded").asText());
              if (e.succeeds()) {
                JsonNode decoded = expectOk("parse", "base64url.decode", input);
                assertThat(text(decoded, "text"))
                    .as("decode")
                    .isEqualTo(scenario.member("decoded").asText());
              } else {
                expectError("parse", "base64url.decode", input, e.errorType());
              }
            });
    scenario
        .test("format")
        .ifPresent(
            e -> {
              JsonNode encoded =
                  expectOk(
                      "format", "base64url.encode", textValue(scenario.member("decoded").asText()));
              assertThat(text(encoded, "text"))
                  .as("encode")
                  .isEqualTo(scenario.member("encoded").asText());
            });
    scenario
        .test("roundtrip")
        .ifPresent(
            e -> {
              String decoded = scenario.member("decoded").asText();
              JsonNode encoded = expectOk("roundtrip", "base64url.encode", textValue(decoded));
              JsonNode back =
                  expectOk("roundtrip", "base64url.decode", textValue(text(encoded, "text")));
              assertThat(text(back, "text")).as("roundtrip").isEqualTo(decoded);
            });
  }

  private void challengeId(Scenario scenario) {
    Optional<Scenario.Expectation> generate = scenario.test("generate");
    if (generate.isPresent() && !generate.get().succeeds()) {
      expectError("generate", "challenge.id", scenario.input(), generate.get().errorType());
      return;
    }
    JsonNode id = expectOk("generate", "challenge.id", scenario.input());
    assertThat(text(id, "id")).as("challenge id").isEqualTo(scenario.member("expected").asText());
  }

  private Outcome call(String step, String operation, JsonNode input) {
    Outcome outcome = driver.call(operation, input);
    assertThat(outcome).as("%s: %s returned nothing", step, operation).isNotNull();
    if (!outcome.isOk()) {
      assertThat(ConformanceVectors.errorTypes(operation))
          .as("%s: error type of %s must be one operations.json allows", step, operation)
          .contains(outcome.errorType());
    }
    return outcome;
  }

  private JsonNode expectOk(String step, String operation, JsonNode input) {
    Outcome outcome = call(step, operation, input);
    if (!outcome.isOk()) {
      fail("%s: %s failed: %s", step, operation, outcome);
    }
    assertThat(outcome.value()).as("%s: %s value", step, operation).isNotNull();
    return outcome.value();
  }

  private void expectError(String step, String operation, JsonNode input, String errorType) {
    Outcome outcome = call(step, operation, input);
    if (outcome.isOk()) {
      fail("%s: %s must fail with %s but returned %s", step, operation, errorType, outcome);
    }
    assertThat(outcome.errorType()).as("%s: %s error type", step, operation).isEqualTo(errorType);
  }

  private static void assertSemantic(String step, JsonNode actual, JsonNode expected) {
    if (!JsonTrees.semanticEquals(actual, expected)) {
      fail("%s: expected %s%n but was %s", step, expected, actual);
    }
  }

  private static ObjectNode header(String header) {
    return NODES.objectNode().put("header", header);
  }

  private static ObjectNode textValue(String text) {
    return NODES.objectNode().put("text", text);
  }

  private static String text(JsonNode value, String member) {
    JsonNode text = value.get(member);
    assertThat(text).as("value must have a string member %s: %s", member, value).isNotNull();
    assertThat(text.isTextual()).as("%s must be a string: %s", member, value).isTrue();
    return text.textValue();
  }
}
