package io.mpp4j.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One scenario of a vector file: its name, whether it applies to this SDK, and its {@code wire},
 * {@code object}, {@code input}, {@code expected} and {@code tests} members.
 *
 * @param file the vector file name
 * @param node the scenario as written
 */
public record Scenario(String file, JsonNode node) {

  public String name() {
    return node.path("name").asText();
  }

  /**
   * Why the scenario does not apply to this SDK: its {@code adapters} list exists and lacks {@code
   * java}.
   */
  public Optional<String> skipReason() {
    JsonNode adapters = node.get("adapters");
    if (adapters == null || !adapters.isArray()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    adapters.forEach(a -> names.add(a.asText()));
    return names.contains(ConformanceVectors.SDK)
        ? Optional.empty()
        : Optional.of("scenario is only for adapters " + names);
  }

  /** The header text; an expanded wire is {@code prefix + repeat x count + suffix}. */
  public String wire() {
    JsonNode wire = node.get("wire");
    if (wire == null) {
      throw new IllegalStateException(name() + " has no wire");
    }
    if (wire.isTextual()) {
      return wire.textValue();
    }
    return wire.path("prefix").asText()
        + wire.path("repeat").asText().repeat(wire.path("count").asInt())
        + wire.path("suffix").asText("");
  }

  public JsonNode object() {
    return member("object");
  }

  public JsonNode input() {
    return member("input");
  }

  public boolean has(String member) {
    return node.has(member);
  }

  public JsonNode member(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalStateException(file + " / " + name() + " has no " + name);
    }
    return value;
  }

  /** The expectation of test step {@code step} ({@code parse}, {@code format}, ...), if any. */
  public Optional<Expectation> test(String step) {
    JsonNode test = node.path("tests").get(step);
    if (test == null) {
      return Optional.empty();
    }
    if (test.isBoolean() && test.booleanValue()) {
      return Optional.of(Expectation.SUCCESS);
    }
    if (test.isObject() && !test.path("success").asBoolean(true)) {
      return Optional.of(new Expectation(test.path("error_type").asText()));
    }
    throw new IllegalStateException(name() + ": unreadable expectation for " + step);
  }

  @Override
  public String toString() {
    return file + " / " + name();
  }

  /**
   * What a step must do: succeed, or fail with {@code errorType}.
   *
   * @param errorType the expected error type, or null for success
   */
  public record Expectation(String errorType) {
    static final Expectation SUCCESS = new Expectation(null);

    public boolean succeeds() {
      return errorType == null;
    }
  }
}
