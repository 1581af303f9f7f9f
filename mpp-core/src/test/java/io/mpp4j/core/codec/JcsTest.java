package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 canonical JSON: member order, string escaping and number form. */
class JcsTest {

  private static JsonNode parse(String json) {
    return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void canonicalizeSortsMembersByUtf16CodeUnitsNotCodePoints() {
    // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33
    ObjectNode json = Json.object();
    json.put("\u20ac", "Euro Sign");
    json.put("\r", "Carriage Return");
    json.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    json.put("1", "One");
    json.put("\ud83d\ude00", "Emoji: Grinning Face");
    json.put("\u0080", "Control");
    json.put("\u00f6", "Latin Small Letter O With Diaeresis");

    assertThat(Jcs.canonicalize(json))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void canonicalizeSortsUppercaseBeforeLowercaseAndNestedObjectsToo() {
    JsonNode json = parse("{\"b\":{\"z\":1,\"Z\":2},\"a\":[{\"y\":1,\"x\":2}],\"B\":true}");

    assertThat(Jcs.canonicalize(json))
        .isEqualTo("{\"B\":true,\"a\":[{\"x\":2,\"y\":1}],\"b\":{\"Z\":2,\"z\":1}}");
  }

  @Test
  void canonicalizeEscapesOnlyWhatJcsEscapes() {
    String value = "\u0000\u001f\"\\/\b\f\n\r\t \u00e9\u2028\u007f<&>";

    assertThat(Jcs.canonicalize(TextNode.valueOf(value)))
        .isEqualTo("\"\\u0000\\u001f\\\"\\\\/\\b\\f\\n\\r\\t \u00e9\u2028\u007f<&>\"");
  }

  @Test
  void canonicalizeWritesLiteralsAndEmptyContainers() {
    assertThat(Jcs.canonicalize(parse("{\"t\":true,\"f\":false,\"n\":null,\"o\":{},\"a\":[]}")))
        .isEqualTo("{\"a\":[],\"f\":false,\"n\":null,\"o\":{},\"t\":true}");
  }

  @Test
  void canonicalizeWhenUnpairedSurrogateThenCodecException() {
    assertThatThrownBy(() -> Jcs.canonicalize(TextNode.valueOf("a\ud800b")))
        .isInstanceOf(CodecException.class);
    ObjectNode json = Json.object();
    json.put("\udc00", "low surrogate key");
    assertThatThrownBy(() -> Jcs.canonicalize(json)).isInstanceOf(CodecException.class);
  }

  // RFC 8785 Appendix B, checked against ECMAScript JSON.stringify
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void canonicalizeWritesNumbersAsEcmaScriptDoes(String ieeeHex, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));

    assertThat(Jcs.canonicalize(DoubleNode.valueOf(value))).isEqualTo(expected);
  }

  @Test
  void canonicalizeWhenParsedNumbersThenSameFormAsTheDouble() {
    JsonNode json = parse("{\"a\":1.0,\"b\":1e2,\"c\":-0,\"d\":0.1,\"e\":42431,\"f\":1E-7}");

    assertThat(Jcs.canonicalize(json))
        .isEqualTo("{\"a\":1,\"b\":100,\"c\":0,\"d\":0.1,\"e\":42431,\"f\":1e-7}");
  }

  @Test
  void canonicalizeWhenNumberLosesPrecisionAsDoubleThenCodecException() {
    assertThatThrownBy(() -> Jcs.canonicalize(parse("{\"n\":9007199254740993}")))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Jcs.canonicalize(parse("{\"n\":0.10000000000000000001}")))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Jcs.canonicalize(parse("{\"n\":1e400}")))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void canonicalizeWhenIntegerExactlyRepresentableThenPlainDigits() {
    assertThat(Jcs.canonicalize(parse("{\"n\":9007199254740992}")))
        .isEqualTo("{\"n\":9007199254740992}");
  }

  @Test
  void canonicalizeWhenNotFiniteThenCodecException() {
    assertThatThrownBy(() -> Jcs.canonicalize(DoubleNode.valueOf(Double.NaN)))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Jcs.canonicalize(DoubleNode.valueOf(Double.POSITIVE_INFINITY)))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void encodeIsBase64UrlOfTheCanonicalText() {
    JsonNode request = parse("{\"recipient\":\"0xabcd\",\"amount\":\"1000000\"}");

    assertThat(Jcs.encode(request))
        .isEqualTo(Base64Url.encode("{\"amount\":\"1000000\",\"recipient\":\"0xabcd\"}"));
  }
}
