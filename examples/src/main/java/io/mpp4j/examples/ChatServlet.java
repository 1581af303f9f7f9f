package io.mpp4j.examples;

import io.mpp4j.servlet.SessionEvents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/chat?prompt=...}: an LLM-like answer streamed token by token as Server-Sent
 * Events, each token charged 0.0001 from the session before it is written (pay per token). The
 * "model" echoes the prompt's words in a fixed frame, so answers are deterministic.
 */
final class ChatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_PROMPT_WORDS = 64;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<String> tokens = generate(request.getParameter("prompt"));
    try (SessionEvents events = SessionEvents.start(request, response)) {
      for (String token : tokens) {
        if (!events.send(token, 1)) {
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

  static List<String> generate(String prompt) {
    List<String> tokens = new ArrayList<>(List.of("You", " asked", " about"));
    String text = prompt == null ? "nothing" : prompt.trim();
    String[] words = text.isEmpty() ? new String[] {"nothing"} : text.split("\\s+");
    for (int i = 0; i < Math.min(words.length, MAX_PROMPT_WORDS); i++) {
      tokens.add(" " + words[i]);
    }
    tokens.add(".");
    return tokens;
  }
}
