package io.mpp4j.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;

/**
 * An embedded servlet container started on a free local port for end-to-end tests. The application
 * is set up through a {@link ServletContainerInitializer}, the same portable {@code ServletContext}
 * API on every container. Request headers up to 32 KiB are accepted (payment credentials can exceed
 * the usual 8 KiB default).
 */
public interface TestContainer extends AutoCloseable {
  /** Largest request header block the test containers accept. */
  int MAX_REQUEST_HEADER_BYTES = 32 * 1024;

  int port();

  default URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  @Override
  void close() throws Exception;

  /** Starts a container of one kind. */
  @FunctionalInterface
  interface Factory {
    TestContainer start(ServletContainerInitializer application) throws Exception;
  }
}
