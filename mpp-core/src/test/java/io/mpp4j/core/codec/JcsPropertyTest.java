package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RFC 8785 canonical JSON does not depend on member order and reads back as the same value. */
class JcsPropertyTest {

  @Property(tries = 200)
  void canonicalFormIsStableUnderKeyPermutation(
      @ForAll("members") Map<String, JsonNode> members, @ForAll long seed) {
    ObjectNode original = object(new ArrayList<>(members.entrySet()));

    JsonNode permuted = permuted(original, new Random(seed));

    assertThat(Jcs.canonicalize(permuted)).isEqualTo(Jcs.canonicalize(original));
  }

  @Property(tries = 200)
  void canonicalFormReadsBackAsTheSameCanonicalForm(@ForAll("members") Map<String, JsonNode> m) {
    String canonical = Jcs.canonicalize(object(new ArrayList<>(m.entrySet())));

    ObjectNode reread = Json.parseObject(canonical.getBytes(StandardCharsets.UTF_8));

    assertThat(Jcs.canonicalize(reread)).isEqualTo(canonical);
  }

  @Property
  void numbersReadBackAsTheSameDouble(@ForAll double value) {
    String canonical = Jcs.canonicalize(DoubleNode.valueOf(value));

    assertThat(Double.parseDouble(canonical)).isEqualTo(value == 0 ? 0.0 : value);
    assertThat(
            Jcs.canonicalize(
                Json.parseObject(("{\"n\":" + canonical + "}").getBytes(StandardCharsets.UTF_8))
                    .get("n")))
        .isEqualTo(canonical);
  }

  /** A copy with the members of every object, at every depth, in another order. */
  private static JsonNode permuted(JsonNode node, Random random) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      Collections.shuffle(members, random);
      ObjectNode copy = Json.object();
      members.forEach(m -> copy.set(m.getKey(), permuted(m.getValue(), random)));
      return copy;
    }
    if (node.isArray()) {
      var copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(permuted(item, random)));
      return copy;
    }
    return node;
  }

  private static ObjectNode object(List<Map.Entry<String, JsonNode>> members) {
    ObjectNode node = Json.object();
    for (Map.Entry<String, JsonNode> member : members) {
      node.set(member.getKey(), member.getValue());
    }
    return node;
  }

  @Provide
  Arbitrary<Map<String, JsonNode>> members() {
    Arbitrary<String> keys =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(6),
            Arbitraries.of("a", "A", "b", "aa", "\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00"));
    return Arbitraries.maps(keys, CodecArbitraries.json(2)).ofMaxSize(6);
  }
}
