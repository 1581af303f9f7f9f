package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A set of ids kept durably in the engine's {@link Store}, which offers only per-key operations:
 * the ids are spread by hash over a fixed number of bucket records ({@code <prefix><n>}), each a
 * newline-separated list of at most {@code capacity} ids changed only by compare-and-set, so every
 * instance sharing the store sees and edits the same set (on {@code MemoryStore}, {@code
 * RedisStore} and {@code JdbcStore} alike). Store outages surface as {@link
 * io.mpp4j.core.store.StoreUnavailableException}; a bucket too contended to change as {@link
 * PaymentExceptions.ServiceUnavailable}.
 */
final class StoreIndex {
  private static final Duration TTL = Duration.ofDays(3650);
  private static final int MAX_ATTEMPTS = 64;

  private final String prefix;
  private final int buckets;
  private final int capacity;

  StoreIndex(String prefix, int buckets, int capacity) {
    this.prefix = prefix;
    this.buckets = buckets;
    this.capacity = capacity;
  }

  int buckets() {
    return buckets;
  }

  /**
   * Adds {@code id}.
   *
   * @return false, adding nothing, when its bucket already holds {@code capacity} ids
   */
  boolean add(Store store, String id) {
    boolean[] full = {false};
    edit(
        store,
        id,
        ids -> {
          if (ids.contains(id)) {
            return false;
          }
          if (ids.size() >= capacity) {
            full[0] = true;
            return false;
          }
          return ids.add(id);
        });
    return !full[0];
  }

  void remove(Store store, String id) {
    edit(store, id, ids -> ids.remove(id));
  }

  /** The ids in bucket {@code bucket} ({@code 0 <= bucket < buckets()}), oldest first. */
  List<String> bucket(Store store, int bucket) {
    return store.get(prefix + bucket).map(r -> List.copyOf(ids(r.value()))).orElse(List.of());
  }

  /** Applies {@code edit} (false: nothing to write) to the bucket of {@code id} until it sticks. */
  private void edit(Store store, String id, Predicate<Set<String>> edit) {
    String key = prefix + Math.floorMod(id.hashCode(), buckets);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<StoreRecord> current = store.get(key);
      Set<String> ids = current.map(r -> ids(r.value())).orElseGet(LinkedHashSet::new);
      if (!edit.test(ids)) {
        return;
      }
      byte[] value = String.join("\n", ids).getBytes(StandardCharsets.UTF_8);
      if (store.compareAndSet(key, current.map(StoreRecord::version).orElse(0L), value, TTL)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new PaymentExceptions.ServiceUnavailable("The store is too busy; retry shortly.", null);
  }

  private static Set<String> ids(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    Set<String> ids = new LinkedHashSet<>();
    if (!text.isEmpty()) {
      ids.addAll(Arrays.asList(text.split("\n")));
    }
    return ids;
  }
}
