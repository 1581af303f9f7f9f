package io.mpp4j.servlet;

import io.mpp4j.core.codec.X402Headers;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response of a paid request: carries {@code Payment-Receipt} and {@code Cache-Control:
 * private} from before the handler runs (so they survive an early flush, and are put back after a
 * {@link #reset()}), and optionally copies the body for the idempotency store.
 */
final class PaidResponse extends HttpServletResponseWrapper {
  static final String RECEIPT = "Payment-Receipt";

  /** The headers a stored response replays; others are the container's or request-specific. */
  private static final List<String> REPLAYED_HEADERS =
      List.of("Content-Type", "Cache-Control", RECEIPT, "Location", X402Headers.PAYMENT_RESPONSE);

  private final String receipt;
  private final Map<String, String> extraHeaders;
  private final int captureLimit;
  private ByteArrayOutputStream captured;
  private ServletOutputStream stream;
  private PrintWriter writer;

  /**
   * @param captureLimit bytes of body to keep for a stored replay; 0 to keep nothing
   */
  PaidResponse(HttpServletResponse response, String receipt, int captureLimit) {
    this(response, receipt, captureLimit, Map.of());
  }

  /**
   * @param extraHeaders further headers of a paid response (x402's {@code PAYMENT-RESPONSE})
   */
  PaidResponse(
      HttpServletResponse response,
      String receipt,
      int captureLimit,
      Map<String, String> extraHeaders) {
    super(response);
    this.receipt = receipt;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.captureLimit = captureLimit;
    this.captured = captureLimit > 0 ? new ByteArrayOutputStream() : null;
    applyHeaders();
  }

  private void applyHeaders() {
    setHeader(RECEIPT, receipt);
    extraHeaders.forEach(this::setHeader);
    setHeader("Cache-Control", "private");
  }

  /** The body written so far, or null when not captured or larger than the limit. */
  byte[] capturedBody() {
    if (writer != null) {
      writer.flush();
    }
    return captured == null ? null : captured.toByteArray();
  }

  /** The headers worth replaying for an idempotent retry. */
  Map<String, String> replayableHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : REPLAYED_HEADERS) {
      String value = getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  @Override
  public void reset() {
    super.reset();
    applyHeaders();
    clearCapture();
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    clearCapture();
  }

  private void clearCapture() {
    if (captured != null) {
      captured.reset();
    }
  }

  private void capture(byte[] bytes, int off, int len) {
    if (captured != null) {
      if (captured.size() + len > captureLimit) {
        captured = null;
      } else {
        captured.write(bytes, off, len);
      }
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (captureLimit == 0) {
      return super.getOutputStream();
    }
    if (stream == null) {
      stream = new TeeStream(super.getOutputStream());
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (captureLimit == 0) {
      return super.getWriter();
    }
    if (writer == null) {
      PrintWriter real = super.getWriter();
      writer = new PrintWriter(new TeeWriter(real, Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  private final class TeeStream extends ServletOutputStream {
    private final ServletOutputStream out;

    TeeStream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      capture(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      capture(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }
  }

  private final class TeeWriter extends Writer {
    private final PrintWriter out;
    private final Writer copy;

    TeeWriter(PrintWriter out, Charset charset) {
      this.out = out;
      this.copy =
          new OutputStreamWriter(
              new OutputStream() {
                @Override
                public void write(int b) {
                  capture(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                  capture(b, off, len);
                }
              },
              charset);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      out.write(chars, off, len);
      copy.write(chars, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
      copy.flush();
    }

    @Override
    public void close() throws IOException {
      copy.flush();
      out.close();
    }
  }
}
