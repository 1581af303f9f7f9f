package io.mpp4j.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response kept for idempotent replay (draft-ietf-httpapi-idempotency-key-header §2.6): a status,
 * the headers worth replaying and the body. Transport-neutral: a JSON-RPC transport stores its
 * result as the body with status 200.
 *
 * @param status the status code
 * @param headers header name to value; copied
 * @param body the body; copied
 * @since 0.2.0
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {
  private static final byte FORMAT = 'R';

  public StoredResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    headers = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    body = Objects.requireNonNull(body, "body").clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Bytes this response takes in a store. */
  public int size() {
    int size = 8 + body.length;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      size += header.getKey().length() + header.getValue().length() + 4;
    }
    return size;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size() + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeShort(status);
      out.writeByte(headers.size());
      for (Map.Entry<String, String> header : headers.entrySet()) {
        out.writeUTF(header.getKey());
        out.writeUTF(header.getValue());
      }
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalStateException when the bytes are not a stored response
   */
  static StoredResponse decode(byte[] bytes, int offset) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
      if (in.readByte() != FORMAT) {
        throw new IllegalStateException("not a stored response");
      }
      int status = in.readUnsignedShort();
      int count = in.readUnsignedByte();
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        headers.put(in.readUTF(), in.readUTF());
      }
      int length = in.readInt();
      if (length < 0 || length > bytes.length) {
        throw new IllegalStateException("stored response is corrupt");
      }
      byte[] body = new byte[length];
      in.readFully(body);
      return new StoredResponse(status, headers, body);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("stored response is corrupt", e);
    }
  }
}
