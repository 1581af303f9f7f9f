package io.mpp4j.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response kept for idempotent replay: status, a few headers and the body. */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {
  /** The headers worth replaying; others are the container's or request-specific. */
  static final List<String> KEPT_HEADERS =
      List.of("Content-Type", "Cache-Control", PaidResponse.RECEIPT, "Location");

  private static final byte FORMAT = 'R';

  StoredResponse {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  static StoredResponse of(HttpServletResponse response, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      String value = response.getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return new StoredResponse(response.getStatus(), headers, body);
  }

  void writeTo(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    headers.forEach(response::setHeader);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 256);
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
  static StoredResponse decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new IllegalStateException("not a stored response");
      }
      int status = in.readUnsignedShort();
      int count = in.readUnsignedByte();
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        headers.put(in.readUTF(), in.readUTF());
      }
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new StoredResponse(status, headers, body);
    } catch (IOException | NegativeArraySizeException e) {
      throw new IllegalStateException("stored response is corrupt", e);
    }
  }
}
