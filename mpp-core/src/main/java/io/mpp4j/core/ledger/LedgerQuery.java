package io.mpp4j.core.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ledger entries to read: created in {@code [from, to)}, optionally of one payer, route,
 * method or status, at most {@code limit}, oldest first.
 *
 * @since 0.2.0
 */
public final class LedgerQuery {
  private final Instant from;
  private final Instant to;
  private final String payer;
  private final String route;
  private final String method;
  private final LedgerEntry.Status status;
  private final int limit;

  private LedgerQuery(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.payer = b.payer;
    this.route = b.route;
    this.method = b.method;
    this.status = b.status;
    this.limit = b.limit;
  }

  /** Entries created in {@code [from, to)}. */
  public static Builder between(Instant from, Instant to) {
    return new Builder(from, to);
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  public Optional<String> payer() {
    return Optional.ofNullable(payer);
  }

  public Optional<String> route() {
    return Optional.ofNullable(route);
  }

  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  public Optional<LedgerEntry.Status> status() {
    return Optional.ofNullable(status);
  }

  public int limit() {
    return limit;
  }

  /** Whether {@code entry} is selected (for ledgers that filter in memory). */
  public boolean matches(LedgerEntry entry) {
    return !entry.createdAt().isBefore(from)
        && entry.createdAt().isBefore(to)
        && (payer == null || payer.equals(entry.payer()))
        && (route == null || route.equals(entry.route()))
        && (method == null || method.equals(entry.method()))
        && (status == null || status == entry.status());
  }

  /** Configures a {@link LedgerQuery}. */
  public static final class Builder {
    private final Instant from;
    private final Instant to;
    private String payer;
    private String route;
    private String method;
    private LedgerEntry.Status status;
    private int limit = 10_000;

    private Builder(Instant from, Instant to) {
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("from must be before to");
      }
    }

    public Builder payer(String payer) {
      this.payer = Objects.requireNonNull(payer, "payer");
      return this;
    }

    public Builder route(String route) {
      this.route = Objects.requireNonNull(route, "route");
      return this;
    }

    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    public Builder status(LedgerEntry.Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** At most this many entries (10,000 by default). */
    public Builder limit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive");
      }
      this.limit = limit;
      return this;
    }

    public LedgerQuery build() {
      return new LedgerQuery(this);
    }
  }
}
