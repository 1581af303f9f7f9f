package io.mpp4j.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mpp4j.core.Challenge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators shared by the codec property tests. */
final class CodecArbitraries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Member names the parsers look for, so that generated JSON reaches their deeper checks. */
  static final List<String> NAMES =
      List.of(
          "id",
          "realm",
          "method",
          "intent",
          "request",
          "expires",
          "digest",
          "description",
          "opaque",
          "challenge",
          "payload",
          "source",
          "status",
          "reference",
          "timestamp",
          "externalId",
          "x");

  /** Values that are meaningful somewhere in a Payment header. */
  static final List<String> VALUES =
      List.of(
          "e30",
          "eyJhIjoiYiJ9",
          "bm90IGpzb24",
          "W10",
          "not-valid!!!",
          "tempo",
          "charge",
          "Tempo",
          "2026-01-29T12:05:00Z",
          "2026-13-45T99:00:00Z",
          "success",
          "failed",
          "",
          "ch_1",
          "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");

  private CodecArbitraries() {}

  /** Printable text with the characters quoting must handle: quotes, backslashes, tabs. */
  static Arbitrary<String> printable() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('\t', 'é', '€', '"', '\\', '"', '\\')
            .ofMaxLength(40);
    Arbitrary<String> tricky =
        Arbitraries.of("\"", "\\", "\\\"", "a\"b\\c", "Payment id=\"x\"", ", realm=\"y\"", "\"\"")
            .list()
            .ofMaxSize(5)
            .map(parts -> String.join("", parts));
    return Arbitraries.oneOf(plain, tricky);
  }

  static Arbitrary<String> lowercase(int maxLength) {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(maxLength);
  }

  static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0L, 253402300799999L).map(Instant::ofEpochMilli);
  }

  /** Flat request objects with string members. */
  static Arbitrary<ObjectNode> requests() {
    return Arbitraries.maps(lowercase(8), printable())
        .ofMaxSize(5)
        .map(
            members -> {
              ObjectNode json = NODES.objectNode();
              members.forEach(json::put);
              return json;
            });
  }

  /** Valid challenges with arbitrary printable realm and description. */
  static Arbitrary<Challenge> challenges() {
    Arbitrary<String> id =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('-', '_')
            .ofMinLength(1)
            .ofMaxLength(43);
    Arbitrary<String> realm = printable();
    Arbitrary<String> intent = Arbitraries.of("charge", "session", "authorize");
    Arbitrary<String> expires = instants().map(Timestamps::format).injectNull(0.3);
    Arbitrary<String> digest = printable().injectNull(0.5);
    Arbitrary<String> description = printable().injectNull(0.3);
    Arbitrary<Challenge> withoutOpaque =
        Combinators.combine(
                id,
                realm,
                lowercase(10),
                intent,
                requests().map(Jcs::encode),
                expires,
                digest,
                description)
            .as(
                (i, r, m, in, req, exp, dig, desc) ->
                    new Challenge(i, r, m, in, req, exp, dig, desc, null));
    Arbitrary<String> opaque = requests().map(Jcs::encode).injectNull(0.5);
    return Combinators.combine(withoutOpaque, opaque)
        .as(
            (c, o) ->
                new Challenge(
                    c.id(),
                    c.realm(),
                    c.method(),
                    c.intent(),
                    c.request(),
                    c.expires(),
                    c.digest(),
                    c.description(),
                    o));
  }

  /** Arbitrary JSON trees up to {@code depth} levels, biased to the members parsers read. */
  static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf =
        Arbitraries.oneOf(
            printable().map(TextNode::valueOf),
            Arbitraries.of(VALUES).map(TextNode::valueOf),
            Arbitraries.integers().map(IntNode::valueOf),
            Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = json(depth - 1);
    Arbitrary<JsonNode> object =
        Arbitraries.maps(Arbitraries.of(NAMES), child).ofMaxSize(5).map(CodecArbitraries::object);
    Arbitrary<JsonNode> array =
        child
            .list()
            .ofMaxSize(3)
            .map(
                items -> {
                  var node = NODES.arrayNode();
                  items.forEach(node::add);
                  return node;
                });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(4, object), Tuple.of(1, array));
  }

  private static JsonNode object(Map<String, JsonNode> members) {
    ObjectNode node = NODES.objectNode();
    members.forEach(node::set);
    return node;
  }

  /** Text built from the fragments a header parser must cope with. */
  static Arbitrary<String> headerFragments() {
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Payment", "payment", "Basic", "Bearer", " ", "  ", ",", ", ", "=", "\"", "\\",
                "\t", "\r\n", "é", "\u0000", "=\"", "\", ", ";", "q=", "0.5", "*", "/", ":"),
            Arbitraries.of(NAMES),
            Arbitraries.of(VALUES),
            Arbitraries.strings().ofMaxLength(6));
    return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  /** {@code Payment} challenges built from known and unknown parameters, valid or not. */
  static Arbitrary<String> paymentChallenges() {
    Arbitrary<String> value =
        Arbitraries.oneOf(Arbitraries.of(VALUES), printable(), Arbitraries.of("\"unterminated"));
    Arbitrary<String> param =
        Combinators.combine(Arbitraries.of(NAMES), value, Arbitraries.of(true, true, false))
            .as((name, v, quoted) -> quoted ? quoted(name, v) : name + "=" + v);
    return Combinators.combine(
            Arbitraries.of("Payment ", "payment ", "Basic ", ""), param.list().ofMaxSize(12))
        .as((scheme, params) -> scheme + String.join(", ", params));
  }

  /**
   * {@code Payment} challenges with each required parameter once, in any order, with values that
   * are often (not always) valid, plus extra parameters.
   */
  static Arbitrary<String> nearlyValidChallenges() {
    Arbitrary<List<String>> required =
        Combinators.combine(
                Arbitraries.of("ch_1", "x", ""),
                printable(),
                Arbitraries.of("tempo", "stripe", "Tempo"),
                Arbitraries.of("charge", "session"),
                Arbitraries.of("e30", "eyJhIjoiYiJ9", "bm90IGpzb24", "not-valid!!!"))
            .as(
                (id, realm, method, intent, request) ->
                    List.of(
                        quoted("id", id),
                        quoted("realm", realm),
                        quoted("method", method),
                        quoted("intent", intent),
                        quoted("request", request)));
    Arbitrary<String> extra =
        Combinators.combine(
                Arbitraries.of("expires", "description", "digest", "opaque", "foo"), printable())
            .as(CodecArbitraries::quoted);
    return Combinators.combine(
            required, extra.list().uniqueElements(p -> p.split("=")[0]).ofMaxSize(4))
        .as(
            (req, extras) -> {
              List<String> params = new ArrayList<>(req);
              params.addAll(extras);
              Collections.shuffle(params, new Random(params.hashCode()));
              return "Payment " + String.join(", ", params);
            });
  }

  static String quoted(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
