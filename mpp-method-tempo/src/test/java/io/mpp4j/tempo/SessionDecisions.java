package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;

/** Assertions on the engine's decisions in session tests, describing the decision on failure. */
final class SessionDecisions {
  private SessionDecisions() {}

  static Decision.Paid paid(Decision decision) {
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Paid.class);
    return (Decision.Paid) decision;
  }

  static Decision.Acknowledged acknowledged(Decision decision) {
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Acknowledged.class);
    return (Decision.Acknowledged) decision;
  }

  /** The problem type of a refusal answered with a fresh challenge. */
  static ProblemType problem(Decision decision) {
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.PaymentRequired.class);
    return ((Decision.PaymentRequired) decision).problem().type();
  }
}
