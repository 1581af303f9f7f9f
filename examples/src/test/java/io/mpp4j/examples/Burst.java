package io.mpp4j.examples;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The same credential sent to several servers at once, every request released by one latch. */
final class Burst {
  /** One response and the server (index into the list given) that answered it. */
  record Outcome(int server, HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }
  }

  private Burst() {}

  static List<Outcome> send(List<ExampleServer> servers, int perServer, String credential)
      throws Exception {
    int total = servers.size() * perServer;
    ExecutorService pool = Executors.newFixedThreadPool(total);
    try {
      CountDownLatch ready = new CountDownLatch(total);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        int server = i % servers.size();
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return new Outcome(
                      server, Http.get(servers.get(server), Http.FORTUNE, credential));
                }));
      }
      if (!ready.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("request threads did not start");
      }
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
