package io.mpp4j.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unpadded URL-safe base64 (RFC 4648 §5), as every MPP header value uses it. */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  public static String encode(String utf8) {
    return encode(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes unpadded base64url; padding is tolerated, any other character outside the alphabet is
   * refused.
   *
   * @throws CodecException on characters outside the alphabet or an impossible length
   */
  public static byte[] decode(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    if (text.length() - end > 2) {
      throw new CodecException("invalid base64url padding");
    }
    if (end % 4 == 1) {
      throw new CodecException("invalid base64url length");
    }
    try {
      // the URL-safe decoder refuses every character outside the alphabet, and '=' inside
      return DECODER.decode(end == text.length() ? text : text.substring(0, end));
    } catch (IllegalArgumentException e) {
      throw new CodecException("invalid base64url");
    }
  }

  /**
   * Decodes base64url text that must hold valid UTF-8.
   *
   * @throws CodecException on bad base64url or malformed UTF-8
   */
  public static String decodeUtf8(String text) {
    byte[] bytes = decode(text);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("base64url payload is not UTF-8");
    }
  }
}
