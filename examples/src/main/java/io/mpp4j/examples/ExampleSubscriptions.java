package io.mpp4j.examples;

import io.mpp4j.core.Intent;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.servlet.RouteTable;
import io.mpp4j.tempo.TempoMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The example's subscription: {@code GET /api/subscribed} at 1.00 per day
 * (draft-tempo-subscription-00) when a {@link TempoMethod} serves subscriptions (it does when
 * {@code MPP_TEMPO_FEE_PAYER_KEY} is set), and the renewal job that charges due periods every
 * minute on every instance (a period is charged once however many instances run it).
 */
final class ExampleSubscriptions implements AutoCloseable {
  static final String PATH = "/api/subscribed";
  static final Duration RENEW_EVERY = Duration.ofMinutes(1);

  private final List<AutoCloseable> jobs;

  private ExampleSubscriptions(List<AutoCloseable> jobs) {
    this.jobs = jobs;
  }

  /** The subscription offer of the example route. */
  static Offer offer() {
    return Offer.subscription(TempoMethod.ID)
        .price("1.00")
        .period("day", 1)
        .subscriptionLength(Duration.ofDays(30))
        .description("Daily subscriber notes")
        .build();
  }

  /** The Tempo method serving subscriptions, if one does. */
  static Optional<TempoMethod> method(List<PaymentMethod> methods) {
    for (PaymentMethod method : methods) {
      if (method instanceof TempoMethod tempo
          && tempo.handlers().stream().anyMatch(h -> h.intent() == Intent.SUBSCRIPTION)) {
        return Optional.of(tempo);
      }
    }
    return Optional.empty();
  }

  /** Adds the route's offer when subscriptions are served. */
  static void route(RouteTable.Builder routes, List<PaymentMethod> methods) {
    if (method(methods).isPresent()) {
      routes.route("GET", PATH, offer());
    }
  }

  /** Mounts the servlet and starts the renewal job when subscriptions are served. */
  static ExampleSubscriptions mount(ServletContextHandler context, List<PaymentMethod> methods) {
    List<AutoCloseable> jobs = new ArrayList<>();
    method(methods)
        .ifPresent(
            tempo -> {
              context.addServlet(new ServletHolder("subscribed", new SubscribedServlet()), PATH);
              jobs.add(tempo.subscriptions().scheduleRenewals(RENEW_EVERY));
            });
    return new ExampleSubscriptions(jobs);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable job : jobs) {
      job.close();
    }
  }
}
