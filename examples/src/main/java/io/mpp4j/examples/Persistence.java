package io.mpp4j.examples;

import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.store.Store;
import java.util.Objects;

/**
 * Where the example server keeps payment state: the {@link Store} (claims, idempotent responses,
 * pending payments) and the {@link Ledger} (one entry per payment). Closing closes whichever of
 * them holds resources.
 *
 * @param store the payment store
 * @param ledger the payment ledger
 */
public record Persistence(Store store, Ledger ledger) implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Persistence.class.getName());

  public Persistence {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public void close() {
    closeQuietly(store, "store");
    closeQuietly(ledger, "ledger");
  }

  private static void closeQuietly(Object resource, String what) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the payment {0} failed", what);
      }
    }
  }
}
