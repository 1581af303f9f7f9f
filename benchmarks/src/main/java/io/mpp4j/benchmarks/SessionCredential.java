package io.mpp4j.benchmarks;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.tempo.SessionFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Prints, one per line, the {@code Authorization} value each client inside an open session sends
 * with its requests to a session route of a {@code BenchmarkServer PORT session}: a voucher for its
 * seeded channel's whole deposit, answering a challenge fetched from {@code URL}, reused for every
 * request of that client (each one is checked and charged from its channel). Usage: {@code
 * SessionCredential URL}.
 */
public final class SessionCredential {
  private SessionCredential() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<Void> response =
        client.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 402) {
      throw new IllegalStateException(
          "expected 402 from " + uri + ", got " + response.statusCode());
    }
    Challenge challenge =
        PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).get(0);
    for (int i = 0; i < SessionFixture.CHANNELS; i++) {
      System.out.println(
          SessionFixture.authorization(
              challenge, SessionFixture.channel(i), SessionFixture.DEPOSIT));
    }
  }
}
