package io.mpp4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClaimTableTest {
  private final ClaimTable table = new ClaimTable();

  @Test
  void claimWhenNameIsLiveThenHeldAndWhenExpiredThenReplaced() {
    assertThat(table.claim(1, 2, 100, 0)).isEqualTo(ClaimTable.Outcome.ADDED);
    assertThat(table.claim(1, 2, 200, 99)).isEqualTo(ClaimTable.Outcome.HELD);
    assertThat(table.holds(1, 2, 99)).isTrue();
    assertThat(table.holds(1, 2, 100)).isFalse();
    assertThat(table.claim(1, 2, 300, 100)).isEqualTo(ClaimTable.Outcome.REPLACED_EXPIRED);
    assertThat(table.holds(1, 2, 299)).isTrue();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void claimWhenOnlyOneHalfOfTheNameMatchesThenADifferentClaim() {
    table.claim(1, 2, 100, 0);
    assertThat(table.claim(1, 3, 100, 0)).isEqualTo(ClaimTable.Outcome.ADDED);
    assertThat(table.claim(7, 2, 100, 0)).isEqualTo(ClaimTable.Outcome.ADDED);
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void claimWhenAnotherNamesClaimExpiredOnTheProbePathThenTakesItsSlot() {
    // same low half: same home slot, one probe run
    table.claim(1, 16, 100, 0);
    table.claim(2, 16, 500, 0);
    assertThat(table.claim(3, 16, 900, 100)).isEqualTo(ClaimTable.Outcome.REPLACED_EXPIRED);
    assertThat(table.holds(2, 16, 100)).isTrue();
    assertThat(table.holds(3, 16, 100)).isTrue();
    assertThat(table.claim(2, 16, 900, 100)).isEqualTo(ClaimTable.Outcome.HELD);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void purgeWhenSomeExpiredThenOnlyLiveClaimsStay() {
    for (int i = 0; i < 1000; i++) {
      table.claim(i, i * 31L, i % 2 == 0 ? 100 : 1_000, 0);
    }
    assertThat(table.purge(100)).isEqualTo(500);
    assertThat(table.size()).isEqualTo(500);
    for (int i = 0; i < 1000; i++) {
      assertThat(table.holds(i, i * 31L, 100)).isEqualTo(i % 2 == 1);
    }
  }

  /**
   * Random claims, removals, expiries and purges over few home slots (long probe runs that wrap the
   * table), checked after every step against a plain map: removal must never lose a claim that
   * stood behind the removed one, and an expired claim's slot may be taken by another name.
   */
  @Test
  void operationsWhenRandomAndCollidingThenAgreeWithAMap() {
    Random random = new Random(42);
    Map<Long, Long> model = new HashMap<>();
    long now = 1;
    for (int step = 0; step < 200_000; step++) {
      long high = random.nextInt(300);
      long low = random.nextInt(8) * 1024L + (high % 3);
      long key = high * 1_000_000 + low;
      boolean live = model.containsKey(key) && now < model.get(key);
      int action = random.nextInt(10);
      if (action < 5) {
        long expiry = now + 1 + random.nextInt(50);
        ClaimTable.Outcome outcome = table.claim(high, low, expiry, now);
        assertThat(outcome == ClaimTable.Outcome.HELD).isEqualTo(live);
        if (!live) {
          model.put(key, expiry);
        }
      } else if (action < 8) {
        boolean removed = table.remove(high, low);
        if (live || !model.containsKey(key)) {
          assertThat(removed).isEqualTo(live);
        }
        model.remove(key);
      } else if (action < 9) {
        now += random.nextInt(20);
      } else if (random.nextInt(100) == 0) {
        table.purge(now);
        long at = now;
        model.values().removeIf(expiry -> at >= expiry);
        assertThat(table.size()).isEqualTo(model.size());
      }
      long at = now;
      assertThat(table.holds(high, low, now))
          .isEqualTo(model.containsKey(key) && at < model.get(key));
    }
    long at = now;
    model.forEach(
        (key, expiry) ->
            assertThat(table.holds(key / 1_000_000, key % 1_000_000, at)).isEqualTo(at < expiry));
  }
}
