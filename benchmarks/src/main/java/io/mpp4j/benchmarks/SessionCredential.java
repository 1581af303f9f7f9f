package io.mpp4j.benchmarks;

import io.mpp4j.core.Challenge;
import io.mpp4j.tempo.SessionFixture;
import java.net.URI;

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
    Challenge challenge = CredentialFactory.fetchChallenges(URI.create(args[0])).get(0);
    for (int i = 0; i < SessionFixture.CHANNELS; i++) {
      System.out.println(
          SessionFixture.authorization(
              challenge, SessionFixture.channel(i), SessionFixture.DEPOSIT));
    }
  }
}
