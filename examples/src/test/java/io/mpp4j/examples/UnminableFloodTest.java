package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.TestPayer;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 pull credentials carrying transactions that can never be mined (a fresh nonce lane with a
 * nonce gap, correctly signed otherwise), sent at once to the example server on a local Tempo
 * chain: each is refused before anything is claimed or broadcast, the free route keeps answering,
 * and nothing is left in the store or the ledger.
 */
class UnminableFloodTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final int FLOOD = 200;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void floodWhenTransactionsCanNeverBeMinedThenRefusedCheaplyAndNothingIsKept() throws Exception {
    MemoryStore store = new MemoryStore();
    try (ExampleServer server =
        ExampleServer.start(
            new ExampleServer.Config(0, "localhost", TwoInstances.SECRET, true, false),
            List.of(CHAIN.merchantMethod().build()),
            store)) {
      List<String> credentials = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
      for (int i = 0; i < FLOOD; i++) {
        Challenge challenge = challenge(server);
        TestPayer tx =
            TestPayer.from(payer)
                .nonceKey(BigInteger.valueOf(1_000 + i))
                .nonce(5)
                .transfer(
                    LocalTempoChain.PATH_USD,
                    CHAIN.merchant().address(),
                    10_000,
                    TestPayer.attributionMemo("localhost", challenge.id()));
        credentials.add(
            PaymentHeaders.formatCredential(
                new Credential(
                    challenge,
                    Json.object().put("type", "transaction").put("signature", tx.signedHex()),
                    payer.did())));
        hashes.add(tx.hash());
      }
      long storedBefore = store.size();

      List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
      for (String credential : credentials) {
        flood.add(
            client.sendAsync(
                request(server, "/api/fortune").header("Authorization", credential).build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      List<Duration> free = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Instant started = Instant.now();
        HttpResponse<String> response =
            client.send(request(server, "/free").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        free.add(Duration.between(started, Instant.now()));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> response : flood) {
        answers.add(response.get());
      }

      assertThat(free).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(2)));
      assertThat(answers)
          .allSatisfy(
              r -> {
                assertThat(r.statusCode()).isEqualTo(402);
                assertThat(Json.parseObject(r.body().getBytes()).path("detail").asText())
                    .contains("nonce is ahead");
              });
      for (String hash : hashes) {
        assertThat(store.get("tempo:tx:" + hash)).isEmpty();
      }
      assertThat(store.size()).as("no claim or pending record left behind").isEqualTo(storedBefore);
      assertThat(
              server
                  .mpp()
                  .ledger()
                  .query(
                      LedgerQuery.between(
                              Instant.now().minusSeconds(600), Instant.now().plusSeconds(60))
                          .build()))
          .isEmpty();
    }
  }

  private Challenge challenge(ExampleServer server) throws Exception {
    HttpResponse<String> response =
        client.send(request(server, "/api/fortune").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(402);
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).get(0);
  }

  private static HttpRequest.Builder request(ExampleServer server, String path) {
    return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
  }
}
