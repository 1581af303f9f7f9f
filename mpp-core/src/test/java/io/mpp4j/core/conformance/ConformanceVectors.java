package io.mpp4j.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the cross-SDK conformance vectors from {@code ../shared/conformance} (the build passes the
 * absolute path as system property {@code mpp.conformance.dir}). A missing directory fails the
 * test: the vectors are never optional.
 */
public final class ConformanceVectors {
  /** The SDK name in a scenario's {@code adapters} list. */
  public static final String SDK = "java";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConformanceVectors() {}

  /** The conformance directory (holding {@code vectors/} and {@code operations.json}). */
  public static Path directory() {
    String configured = System.getProperty("mpp.conformance.dir");
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir.resolve("vectors"))) {
        throw new IllegalStateException(
            "mpp.conformance.dir=" + dir + " holds no vectors/ directory");
      }
      return dir;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance");
      if (Files.isDirectory(candidate.resolve("vectors"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "conformance vectors not found: set -Dmpp.conformance.dir or place them at"
            + " ../shared/conformance beside the repository");
  }

  /** One vector file's scenarios. */
  public static List<Scenario> scenarios(String file) {
    JsonNode root = read(directory().resolve("vectors").resolve(file));
    JsonNode scenarios = root.get("scenarios");
    if (scenarios == null || !scenarios.isArray() || scenarios.isEmpty()) {
      throw new IllegalStateException(file + " has no scenarios");
    }
    List<Scenario> result = new ArrayList<>(scenarios.size());
    Set<String> names = new HashSet<>();
    for (JsonNode scenario : scenarios) {
      Scenario parsed = new Scenario(file, scenario);
      if (!names.add(parsed.name())) {
        throw new IllegalStateException(file + " repeats scenario " + parsed.name());
      }
      result.add(parsed);
    }
    return result;
  }

  /** The error types {@code operations.json} allows for {@code operation}. */
  public static Set<String> errorTypes(String operation) {
    JsonNode op = read(directory().resolve("operations.json")).path("operations").get(operation);
    if (op == null) {
      throw new IllegalStateException("operations.json does not define " + operation);
    }
    Set<String> types = new HashSet<>();
    op.path("errorTypes").forEach(t -> types.add(t.asText()));
    return types;
  }

  static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("conformance file missing: " + file);
    }
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
