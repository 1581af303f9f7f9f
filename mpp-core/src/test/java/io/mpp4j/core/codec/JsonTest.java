package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Limits on untrusted JSON: depth 16, 64 KiB documents, no duplicate keys, one object. */
class JsonTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  @Test
  void parseObjectWhenNestedToTheLimitThenParsed() {
    assertThat(Json.parseObject(utf8(nested(Json.MAX_DEPTH)))).isNotNull();
  }

  @Test
  void parseObjectWhenNestedDeeperThanLimitThenCodecException() {
    assertThatThrownBy(() -> Json.parseObject(utf8(nested(Json.MAX_DEPTH + 1))))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(
            () -> Json.parseObject(utf8("{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}")))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseObjectWhenDeepNestingFillsTheSizeLimitThenRefusedQuickly() {
    byte[] hostile = utf8("{\"a\":" + "[".repeat(Json.MAX_DOCUMENT_BYTES - 10));

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> Json.parseObject(hostile)).isInstanceOf(CodecException.class));
  }

  @Test
  void parseObjectWhenHugeDocumentThenRefusedBeforeParsing() {
    byte[] huge = new byte[16 * 1024 * 1024];
    Arrays.fill(huge, (byte) '[');

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> Json.parseObject(huge))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("too large"));
  }

  @Test
  void parseObjectWhenJustUnderSizeLimitThenParsed() {
    String padding = "x".repeat(Json.MAX_DOCUMENT_BYTES - 20);

    assertThat(Json.parseObject(utf8("{\"p\":\"" + padding + "\"}")).get("p").textValue())
        .hasSize(padding.length());
  }

  @Test
  void parseObjectWhenNumberHasTooManyDigitsThenCodecException() {
    assertThatThrownBy(() -> Json.parseObject(utf8("{\"n\":" + "9".repeat(1000) + "}")))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseObjectWhenDuplicateKeyThenCodecException() {
    assertThatThrownBy(() -> Json.parseObject(utf8("{\"amount\":\"1\",\"amount\":\"1000\"}")))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void parseObjectWhenTrailingContentThenCodecException() {
    assertThatThrownBy(() -> Json.parseObject(utf8("{}{}"))).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Json.parseObject(utf8("{} x"))).isInstanceOf(CodecException.class);
  }

  @Test
  void parseObjectWhenNotAnObjectThenCodecException() {
    for (String text : new String[] {"[]", "\"text\"", "1", "null", "", "  "}) {
      assertThatThrownBy(() -> Json.parseObject(utf8(text)))
          .as(text)
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void parseObjectWhenInvalidUtf8ThenCodecException() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};

    assertThatThrownBy(() -> Json.parseObject(bytes)).isInstanceOf(CodecException.class);
  }

  @Test
  void parseObjectKeepsIntegersExact() {
    assertThat(
            Json.parseObject(utf8("{\"n\":123456789012345678901234567890}"))
                .get("n")
                .bigIntegerValue()
                .toString())
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void writeIsCompactAndKeepsMemberOrder() {
    assertThat(Json.write(Json.parseObject(utf8("{ \"b\" : 1 , \"a\" : [ true ] }"))))
        .isEqualTo("{\"b\":1,\"a\":[true]}");
  }
}
