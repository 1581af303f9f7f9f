package io.mpp4j.benchmarks;

import io.mpp4j.core.testing.FakePaymentMethod;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches fresh challenges from a running server and writes one paying credential per line (for the
 * no-network benchmark method), so that the load generator sends each credential once. Usage:
 * {@code CredentialFactory URL COUNT FILE}.
 */
public final class CredentialFactory {
  private CredentialFactory() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int count = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong tokens = new AtomicLong();
    String run = java.util.UUID.randomUUID().toString().substring(0, 8);
    int workers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<List<String>>> parts = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int share = count / workers + (w < count % workers ? 1 : 0);
        parts.add(pool.submit(() -> fetch(client, uri, share, run, tokens)));
      }
      try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (Future<List<String>> part : parts) {
          for (String credential : part.get()) {
            writer.write(credential);
            writer.newLine();
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> fetch(
      HttpClient client, URI uri, int count, String run, AtomicLong tokens) throws Exception {
    List<String> credentials = new ArrayList<>(count);
    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
    for (int i = 0; i < count; i++) {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 402) {
        throw new IllegalStateException(
            "expected 402 from " + uri + ", got " + response.statusCode());
      }
      List<String> challenges = response.headers().allValues("WWW-Authenticate");
      credentials.add(
          FakePaymentMethod.payHeaders(
              challenges, FakePaymentMethod.ID, "load-" + run + "-" + tokens.incrementAndGet()));
    }
    return credentials;
  }
}
