package io.mpp4j.examples;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.servlet.OperatorServlet;
import io.mpp4j.tempo.TempoMethod;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The operator view at {@code /operator/*} ({@link OperatorServlet}), when {@code
 * MPP_OPERATOR_TOKEN} is set: today's totals, pending and failed payments, the ledger as CSV or
 * JSON, and, with Tempo configured, the reconciliation of the ledger with the chain.
 */
final class ExampleOperator {
  private ExampleOperator() {}

  static void mount(
      ServletContextHandler context,
      Mpp mpp,
      List<PaymentMethod> methods,
      ExampleServer.Config config) {
    if (config.operatorToken() == null) {
      return;
    }
    OperatorServlet.Builder operator =
        OperatorServlet.builder(mpp.ledger(), config.operatorToken())
            .allowInsecureHttp(config.allowHttp());
    for (PaymentMethod method : methods) {
      if (method instanceof TempoMethod tempo) {
        operator.reconciler(tempo::reconcile);
      }
    }
    context.addServlet(new ServletHolder("operator", operator.build()), "/operator/*");
  }
}
