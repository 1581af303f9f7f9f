package io.mpp4j.benchmarks;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Writes one paying credential per line (for the no-network benchmark method), so that the load
 * generator sends each credential once. It fetches one 402 from the running server, then issues
 * each further challenge as the server would: the same fields with a fresh random nonce in its
 * {@code opaque}, and the id the server's secret gives them ({@link BenchmarkServer#SECRET}). The
 * server checks every one in full (id, expiry, pinning, single use), so a credential it did not
 * accept shows as a non-2xx response. Usage: {@code CredentialFactory URL COUNT FILE}.
 */
public final class CredentialFactory {
  private CredentialFactory() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int count = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    Challenge fetched = fetch(uri);
    String opaque = Base64Url.decodeUtf8(fetched.opaque());
    String nonce = nonceOf(opaque);
    ChallengeBinding binding = ChallengeBinding.of(Secret.of(BenchmarkServer.SECRET), List.of());
    SecureRandom random = new SecureRandom();
    String run = Long.toHexString(random.nextLong());
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        byte[] fresh = new byte[16];
        random.nextBytes(fresh);
        Challenge challenge =
            binding.sign(
                Challenge.builder()
                    .realm(fetched.realm())
                    .method(fetched.method())
                    .intent(fetched.intent())
                    .request(fetched.request())
                    .expires(fetched.expires())
                    .digest(fetched.digest())
                    .description(fetched.description())
                    .opaque(Base64Url.encode(opaque.replace(nonce, Base64Url.encode(fresh))))
                    .header(fetched.header()));
        writer.write(
            FakePaymentMethod.pay(
                List.of(challenge), FakePaymentMethod.ID, "load-" + run + "-" + i));
        writer.newLine();
      }
    }
  }

  private static Challenge fetch(URI uri) throws Exception {
    return fetchChallenges(uri).stream()
        .filter(c -> c.method().equals(FakePaymentMethod.ID))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no challenge of the no-network method"));
  }

  /** The challenges of one 402 from {@code uri}. */
  static List<Challenge> fetchChallenges(URI uri) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<Void> response =
        client.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 402) {
      throw new IllegalStateException(
          "expected 402 from " + uri + ", got " + response.statusCode());
    }
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate"));
  }

  private static String nonceOf(String opaque) {
    String marker = "\"nonce\":\"";
    int start = opaque.indexOf(marker);
    if (start < 0) {
      throw new IllegalStateException("the challenge's opaque carries no nonce: " + opaque);
    }
    start += marker.length();
    return opaque.substring(start, opaque.indexOf('"', start));
  }
}
