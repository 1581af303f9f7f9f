package io.mpp4j.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Reads the body of a paid request into memory so its digest can be checked and the handler can
 * read it again, within three bounds a client that pays nothing cannot get around: a size limit
 * (413), a deadline for the whole body (408), and a number of bodies read at once (503), so slow
 * uploads cannot hold every request thread.
 */
final class BodyReader {
  private static final int CHUNK = 8 * 1024;
  private static final long DRAIN_MILLIS = 1_000;

  private final int maxBytes;
  private final long deadlineNanos;
  private final Semaphore permits;

  BodyReader(int maxBytes, Duration deadline, int maxConcurrent) {
    this.maxBytes = maxBytes;
    this.deadlineNanos = deadline.toNanos();
    this.permits = new Semaphore(maxConcurrent);
  }

  /** Why a body could not be read. */
  enum Refusal {
    TOO_LARGE,
    TOO_SLOW,
    BUSY
  }

  /** A body that could not be read. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final Refusal reason;

    Refused(Refusal reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }

    Refusal reason() {
      return reason;
    }
  }

  /**
   * The body of {@code request}; empty when it has none.
   *
   * @throws Refused when it is too large, too slow, or too many bodies are being read
   */
  byte[] read(HttpServletRequest request) throws IOException, Refused {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw new Refused(Refusal.TOO_LARGE);
    }
    if (declared == 0 || declared < 0 && hasNoHttp1Body(request)) {
      return new byte[0];
    }
    if (!permits.tryAcquire()) {
      throw new Refused(Refusal.BUSY);
    }
    try {
      return readWithin(request.getInputStream(), System.nanoTime() + deadlineNanos);
    } finally {
      permits.release();
    }
  }

  private byte[] readWithin(ServletInputStream in, long deadline) throws IOException, Refused {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBytes, CHUNK));
    byte[] chunk = new byte[CHUNK];
    while (true) {
      int n = in.read(chunk);
      if (n < 0) {
        return body.toByteArray();
      }
      if (body.size() + n > maxBytes) {
        throw new Refused(Refusal.TOO_LARGE);
      }
      body.write(chunk, 0, n);
      if (System.nanoTime() - deadline > 0) {
        throw new Refused(Refusal.TOO_SLOW);
      }
    }
  }

  /**
   * After a 413 was written: reads and discards what the client is still sending, up to a bound, so
   * that it receives the answer instead of a connection reset.
   */
  void drain(HttpServletRequest request) {
    long limit = Math.max(64L * 1024, 2L * maxBytes);
    long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
    if (request.getContentLengthLong() > limit || !permits.tryAcquire()) {
      return;
    }
    try {
      ServletInputStream in = request.getInputStream();
      byte[] chunk = new byte[CHUNK];
      long read = 0;
      while (read < limit && System.nanoTime() - until < 0) {
        int n = in.read(chunk);
        if (n < 0) {
          return;
        }
        read += n;
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the container closed the body: nothing left to drain
    } finally {
      permits.release();
    }
  }

  /** HTTP/1.x: a request with neither Content-Length nor Transfer-Encoding has no body. */
  private static boolean hasNoHttp1Body(HttpServletRequest request) {
    return request.getProtocol().startsWith("HTTP/1.")
        && request.getHeader("Transfer-Encoding") == null;
  }
}
