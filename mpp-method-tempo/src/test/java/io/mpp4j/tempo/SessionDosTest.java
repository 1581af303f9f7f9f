package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Decision;
import io.mpp4j.core.Problem;
import io.mpp4j.core.ProblemType;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * draft-tempo-session-00 §"Denial of Service" through the engine: the per-channel voucher rate
 * limit (429 with {@code Retry-After}, nothing verified or written), vouchers below the accepted
 * amount or below {@code minVoucherDelta} refused before any signature recovery, and format checks
 * before the limiter and the store.
 */
class SessionDosTest {
  private static final long PRICE = 1_000;

  /** 65 well-formed bytes that are nobody's signature over anything (r = s = 1, v = 27). */
  private static final String GARBAGE_SIGNATURE =
      "0x" + "00".repeat(31) + "01" + "00".repeat(31) + "01" + "1b";

  private static Problem problem(Decision decision) {
    if (decision instanceof Decision.PaymentRequired required) {
      return required.problem();
    }
    return ((Decision.Rejected) decision).problem();
  }

  @Test
  void voucherWhenChannelOverRateLimitThen429WithRetryAfterAndStateUntouched() {
    try (ChainlessSession server =
        new ChainlessSession(TempoSessionSettings.builder().voucherRateLimit(1, 2), "0.001")) {
      String channel = server.channel(1_000_000);
      String other = server.channel(1_000_000);

      assertThat(server.send("POST", ChainlessSession.voucher(channel, PRICE)))
          .isInstanceOf(Decision.Acknowledged.class);
      assertThat(server.send("POST", ChainlessSession.voucher(channel, 2 * PRICE)))
          .isInstanceOf(Decision.Acknowledged.class);
      long version = server.version(channel);
      Decision refused = server.send("GET", ChainlessSession.voucher(channel, 3 * PRICE));

      assertThat(refused).isInstanceOf(Decision.Rejected.class);
      Decision.Rejected rejected = (Decision.Rejected) refused;
      assertThat(rejected.status()).isEqualTo(429);
      assertThat(rejected.retryAfterSeconds()).isEqualTo(1);
      assertThat(rejected.problem().type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
      assertThat(rejected.problem().toJson())
          .contains("\"type\":\"about:blank\"", "\"status\":429", channel);
      assertThat(server.version(channel)).isEqualTo(version);
      assertThat(server.state(channel).state().accepted()).isEqualTo(BigInteger.valueOf(2 * PRICE));
      assertThat(server.state(channel).state().spent()).isZero();
      assertThat(server.send("POST", ChainlessSession.voucher(other, PRICE)))
          .as("another channel has a bucket of its own")
          .isInstanceOf(Decision.Acknowledged.class);
    }
  }

  @Test
  void vouchersWhenDefaultLimitThenBurstOfTwentyThenTenPerSecond() {
    try (ChainlessSession server = new ChainlessSession(TempoSessionSettings.builder(), "0.001")) {
      String channel = server.channel(1_000_000);
      long started = System.nanoTime();
      int accepted = 0;
      int limited = 0;
      for (int i = 1; i <= 40; i++) {
        Decision decision = server.send("POST", ChainlessSession.voucher(channel, i * PRICE));
        if (decision instanceof Decision.Acknowledged) {
          accepted++;
        } else if (decision.status() == 429) {
          limited++;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(accepted).isGreaterThanOrEqualTo(TempoSessionSettings.DEFAULT_VOUCHER_BURST);
      assertThat(accepted)
          .isLessThanOrEqualTo(
              TempoSessionSettings.DEFAULT_VOUCHER_BURST
                  + (int) Math.ceil(TempoSessionSettings.DEFAULT_VOUCHER_RATE * seconds));
      assertThat(accepted + limited).isEqualTo(40);
    }
  }

  @Test
  void voucherWhenBelowAcceptedWithGarbageSignatureThenRefusedWithoutSignatureCheck() {
    try (ChainlessSession server = new ChainlessSession(TempoSessionSettings.builder(), "0.001")) {
      String channel = server.channel(1_000_000);
      assertThat(server.send("POST", ChainlessSession.voucher(channel, 5 * PRICE)))
          .isInstanceOf(Decision.Acknowledged.class);

      Decision below =
          server.send("POST", ChainlessSession.voucher(channel, 4 * PRICE, GARBAGE_SIGNATURE));
      Decision above =
          server.send("POST", ChainlessSession.voucher(channel, 6 * PRICE, GARBAGE_SIGNATURE));

      assertThat(problem(below).type())
          .as("a signature check would have answered invalid-signature or signer-mismatch")
          .isEqualTo(ProblemType.VERIFICATION_FAILED);
      assertThat(problem(below).detail()).contains("below the highest accepted amount 5000");
      assertThat(problem(above).type())
          .as("the same signature above the accepted amount is checked, and fails")
          .isIn(ProblemType.SESSION_INVALID_SIGNATURE, ProblemType.SESSION_SIGNER_MISMATCH);
      assertThat(server.state(channel).state().accepted()).isEqualTo(BigInteger.valueOf(5_000));
    }
  }

  @Test
  void voucherWhenIncreaseBelowMinVoucherDeltaThenDeltaTooSmallBeforeSignatureCheck() {
    try (ChainlessSession server =
        new ChainlessSession(TempoSessionSettings.builder().minVoucherDelta(5_000), "0.001")) {
      String channel = server.channel(1_000_000);
      assertThat(server.send("POST", ChainlessSession.voucher(channel, 5_000)))
          .isInstanceOf(Decision.Acknowledged.class);

      Decision tiny =
          server.send("POST", ChainlessSession.voucher(channel, 5_001, GARBAGE_SIGNATURE));
      Decision signedTiny = server.send("POST", ChainlessSession.voucher(channel, 9_999));
      Decision enough = server.send("POST", ChainlessSession.voucher(channel, 10_000));

      assertThat(problem(tiny).type()).isEqualTo(ProblemType.SESSION_DELTA_TOO_SMALL);
      assertThat(problem(signedTiny).type()).isEqualTo(ProblemType.SESSION_DELTA_TOO_SMALL);
      assertThat(enough).isInstanceOf(Decision.Acknowledged.class);
      assertThat(server.state(channel).state().accepted()).isEqualTo(BigInteger.valueOf(10_000));
    }
  }

  @Test
  void voucherWhenSignatureMalformedThenInvalidSignatureWithoutTakingARateToken() {
    try (ChainlessSession server =
        new ChainlessSession(TempoSessionSettings.builder().voucherRateLimit(1, 1), "0.001")) {
      String channel = server.channel(1_000_000);

      for (String malformed : new String[] {"0x1234", "0x" + "zz".repeat(65), "12".repeat(66)}) {
        Decision decision =
            server.send("POST", ChainlessSession.voucher(channel, PRICE, malformed));
        assertThat(problem(decision).type()).isEqualTo(ProblemType.SESSION_INVALID_SIGNATURE);
      }
      Decision valid = server.send("POST", ChainlessSession.voucher(channel, PRICE));

      assertThat(valid)
          .as("the malformed ones were refused before the limiter: its one token is still there")
          .isInstanceOf(Decision.Acknowledged.class);
    }
  }

  @Test
  void voucherWhenChannelUnknownAndOverLimitThen429BeforeAnyLookup() {
    try (ChainlessSession server =
        new ChainlessSession(TempoSessionSettings.builder().voucherRateLimit(1, 1), "0.001")) {
      String invented = "0x" + "ab".repeat(32);

      Decision first = server.send("POST", ChainlessSession.voucher(invented, PRICE));
      Decision second = server.send("POST", ChainlessSession.voucher(invented, PRICE));

      assertThat(first.status())
          .as("the escrow cannot be read (no chain): 503, never a 500")
          .isEqualTo(503);
      assertThat(second.status()).as("refused before the escrow is asked").isEqualTo(429);
    }
  }
}
