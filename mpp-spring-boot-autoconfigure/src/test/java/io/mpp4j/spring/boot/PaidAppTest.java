package io.mpp4j.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.tempo.LocalTempoChain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context the HTTP tests share (contexts are slow to start): {@link ShopApplication}
 * on a real embedded server on a random port, paid through the local chain and a fake method, with
 * its store on Redis behind {@link SharedServices#REDIS}.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "mpp.realm=shop.test",
      "mpp.secret-key=a spring starter test secret of at least 32 bytes",
      "mpp.allow-insecure-http=true",
      "mpp.default-methods=tempo,fake",
      "mpp.tempo.chain-id=" + LocalTempoChain.CHAIN_ID,
      "mpp.tempo.currency=" + LocalTempoChain.PATH_USD,
      "mpp.discovery.title=Shop",
      "mpp.x402.enabled=true",
      "server.max-http-request-header-size=32KB",
      "management.endpoints.web.exposure.include=health,metrics",
      "management.endpoint.health.show-details=always"
    })
abstract class PaidAppTest {
  final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("mpp.tempo.rpc-url", () -> SharedServices.CHAIN.rpcUrl().toString());
    registry.add("mpp.tempo.recipient", () -> SharedServices.CHAIN.merchant().address());
    registry.add("mpp.store", () -> "redis://127.0.0.1:" + SharedServices.REDIS.port());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> get(String path, String credential) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (credential != null) {
      request.header("Authorization", credential);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String body, String credential)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "text/plain");
    if (credential != null) {
      request.header("Authorization", credential);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.parseObject(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
