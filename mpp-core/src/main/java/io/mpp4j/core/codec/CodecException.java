package io.mpp4j.core.codec;

/**
 * A header, encoding or JSON value that cannot be parsed or formatted. The only exception the
 * codecs throw for bad input; its message never echoes the input.
 */
public final class CodecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }
}
