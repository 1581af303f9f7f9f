package io.mpp4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Payment;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small JSON helpers shared by the example servlets. */
final class JsonBodies {
  private JsonBodies() {}

  static ObjectNode object() {
    return io.mpp4j.core.codec.Json.object();
  }

  /** What the handler learnt about the payment: method, amount, settlement reference. */
  static ObjectNode paid(Payment payment) {
    ObjectNode json = object();
    json.put("method", payment.method());
    json.put("amount", payment.amount().toString());
    json.put("currency", payment.currency());
    json.put("reference", payment.reference());
    return json;
  }

  static void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
    byte[] bytes = io.mpp4j.core.codec.Json.write(body).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
