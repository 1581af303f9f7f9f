package io.mpp4j.examples;

import io.mpp4j.servlet.SessionEvents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/stream?chunks=N}: N Server-Sent Events (1 to 1000, 5 by default), each charged
 * 0.001 from the session before it is written; a paused stream resumes when a voucher arrives.
 */
final class StreamServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_CHUNKS = 1000;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int chunks = chunks(request.getParameter("chunks"));
    try (SessionEvents events = SessionEvents.start(request, response)) {
      for (int i = 1; i <= chunks; i++) {
        if (!events.send("chunk " + i + " of " + chunks, 1)) {
          return;
        }
      }
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }

  static int chunks(String text) {
    if (text == null || !text.matches("[0-9]{1,4}")) {
      return 5;
    }
    return Math.max(1, Math.min(MAX_CHUNKS, Integer.parseInt(text)));
  }
}
