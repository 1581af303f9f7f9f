package io.mpp4j.core.testing;

import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.SessionRequest;
import java.util.List;

/**
 * A network-less method serving only the {@code session} intent, for engine tests: the request is
 * the offer's price in cents, currency {@code usd}, recipient {@code merchant}; subclasses decide
 * what a credential verifies to.
 */
public abstract class StubSession implements PaymentMethod, IntentHandler<SessionRequest> {
  private final String id;

  protected StubSession(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<IntentHandler<?>> handlers() {
    return List.of(this);
  }

  @Override
  public Intent<SessionRequest> intent() {
    return Intent.SESSION;
  }

  @Override
  public SessionRequest request(Offer offer) {
    return new SessionRequest(
        offer.price().toBaseUnits(2), null, null, "usd", "merchant", null, null, null);
  }
}
