package io.mpp4j.examples;

import io.mpp4j.servlet.Paid;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /api/echo}: 0.02; the challenge binds the body's digest, so the credential pays for
 * exactly this body, and the handler still reads the bytes the filter buffered.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Paid(price = "0.02", description = "Echoes the request body")
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    String type = request.getContentType();
    response.setContentType(type == null ? "application/octet-stream" : type);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
