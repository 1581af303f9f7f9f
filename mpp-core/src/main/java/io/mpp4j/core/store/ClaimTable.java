package io.mpp4j.core.store;

/**
 * One stripe of {@link MemoryStore}'s claims, held without an object per claim: each claim is three
 * longs (a 128-bit keyed name of its key and its expiry) in one array, open addressing with linear
 * probing. A server under load holds millions of claims for minutes; as objects they were copied by
 * every young collection until promoted (pauses of about 200 ms every two seconds in the load
 * benchmark), as primitives in one array they are not looked at by the collector.
 *
 * <p>Expired claims keep their slot until {@link #purge} or until a claim reuses it. Not
 * thread-safe: {@link MemoryStore} holds the stripe's lock around every call.
 */
final class ClaimTable {
  private static final int INITIAL_SLOTS = 16;
  private static final long FREE = 0;

  /** Slot i is {@code [3i]} first name half, {@code [3i+1]} second half, {@code [3i+2]} expiry. */
  private long[] slots = new long[3 * INITIAL_SLOTS];

  private int used;

  /** What {@link #claim} did. */
  enum Outcome {
    /** A live claim holds the name: nothing written. */
    HELD,
    /** Written into a free slot: one more claim held. */
    ADDED,
    /** Written over an expired claim: as many claims held as before. */
    REPLACED_EXPIRED
  }

  /**
   * Claims {@code name} until {@code expiresAt} (epoch milliseconds, after {@code now}) unless a
   * live claim holds it.
   */
  Outcome claim(long high, long low, long expiresAt, long now) {
    int mask = mask();
    int firstExpired = -1;
    for (int i = home(low, mask); ; i = (i + 1) & mask) {
      long expiry = slots[3 * i + 2];
      if (expiry == FREE) {
        if (firstExpired >= 0) {
          write(firstExpired, high, low, expiresAt);
          return Outcome.REPLACED_EXPIRED;
        }
        write(i, high, low, expiresAt);
        used++;
        if (used * 2 > mask + 1) {
          rebuild(2 * (mask + 1), Long.MIN_VALUE);
        }
        return Outcome.ADDED;
      }
      boolean expired = now >= expiry;
      if (slots[3 * i] == high && slots[3 * i + 1] == low) {
        if (!expired) {
          return Outcome.HELD;
        }
        write(i, high, low, expiresAt);
        return Outcome.REPLACED_EXPIRED;
      }
      if (expired && firstExpired < 0) {
        firstExpired = i;
      }
    }
  }

  /** Whether a live claim holds {@code name}. */
  boolean holds(long high, long low, long now) {
    int slot = find(high, low);
    return slot >= 0 && now < slots[3 * slot + 2];
  }

  /** Removes the claim on {@code name}, live or expired; whether there was one. */
  boolean remove(long high, long low) {
    int slot = find(high, low);
    if (slot < 0) {
      return false;
    }
    removeAt(slot);
    return true;
  }

  /** Removes every expired claim; how many were removed. */
  int purge(long now) {
    int before = used;
    rebuild(mask() + 1, now);
    return before - used;
  }

  /** Claims held, live or expired. */
  int size() {
    return used;
  }

  private int find(long high, long low) {
    int mask = mask();
    for (int i = home(low, mask); ; i = (i + 1) & mask) {
      if (slots[3 * i + 2] == FREE) {
        return -1;
      }
      if (slots[3 * i] == high && slots[3 * i + 1] == low) {
        return i;
      }
    }
  }

  /**
   * Backward-shift deletion: later slots of the same probe run move up, so no tombstone is left.
   */
  private void removeAt(int slot) {
    int mask = mask();
    int hole = slot;
    for (int i = (slot + 1) & mask; slots[3 * i + 2] != FREE; i = (i + 1) & mask) {
      int home = home(slots[3 * i + 1], mask);
      boolean staysBehindHole = hole <= i ? hole < home && home <= i : hole < home || home <= i;
      if (!staysBehindHole) {
        write(hole, slots[3 * i], slots[3 * i + 1], slots[3 * i + 2]);
        hole = i;
      }
    }
    write(hole, 0, 0, FREE);
    used--;
  }

  /**
   * Moves every claim into a table of {@code capacity} slots, dropping those expired at {@code
   * now}.
   */
  private void rebuild(int capacity, long now) {
    long[] old = slots;
    slots = new long[3 * capacity];
    used = 0;
    for (int i = 0; i < old.length; i += 3) {
      if (old[i + 2] != FREE && now < old[i + 2]) {
        insertFresh(old[i], old[i + 1], old[i + 2]);
      }
    }
  }

  private void insertFresh(long high, long low, long expiresAt) {
    int mask = mask();
    int i = home(low, mask);
    while (slots[3 * i + 2] != FREE) {
      i = (i + 1) & mask;
    }
    write(i, high, low, expiresAt);
    used++;
  }

  private void write(int slot, long high, long low, long expiresAt) {
    slots[3 * slot] = high;
    slots[3 * slot + 1] = low;
    slots[3 * slot + 2] = expiresAt;
  }

  private int mask() {
    return slots.length / 3 - 1;
  }

  private static int home(long low, int mask) {
    return (int) (low ^ (low >>> 32)) & mask;
  }
}
