package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The discovery document lists every paid operation with its offers (draft-payment-discovery-00).
 */
abstract class DiscoverySuite extends EndToEndSuite {
  @Test
  void discoveryWhenRequestedThenListsPaidOperations() throws Exception {
    HttpResponse<String> response = send(get("/openapi.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("max-age=300");
    JsonNode doc = json(response);
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/info/title").asText()).isEqualTo("Test API");
    assertThat(doc.at("/info/version").asText()).isEqualTo("1.2.3");
    JsonNode paths = doc.get("paths");
    JsonNode fortune = paths.at("/~1api~1fortune/get");
    assertThat(fortune.at("/x-payment-info/offers/0"))
        .isEqualTo(
            Json.parseObject(
                ("{\"intent\":\"charge\",\"method\":\"fake\",\"amount\":\"1\","
                        + "\"currency\":\"usd\",\"description\":\"A fortune\"}")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(fortune.at("/responses/402/description").asText()).isEqualTo("Payment Required");
    assertThat(paths.at("/~1api~1both/get/x-payment-info/offers")).hasSize(2);
    JsonNode search = paths.at("/~1api~1search/get/x-payment-info/offers/0");
    assertThat(search.get("amount").isNull()).isTrue();
    assertThat(search.get("method").asText()).isEqualTo("fake");
    assertThat(paths.at("/~1api~1items~1{id}/get/parameters/0/name").asText()).isEqualTo("id");
    assertThat(paths.at("/~1api~1orders/post/x-payment-info/offers/0/amount").asText())
        .isEqualTo("5");
    assertThat(paths.at("/~1api~1echo").has("post")).isTrue();
    assertThat(paths.at("/~1api~1echo").has("get")).isFalse();
    assertThat(paths.has("/free")).isFalse();
    assertThat(paths.has("/strict/thing")).isFalse();
  }
}
