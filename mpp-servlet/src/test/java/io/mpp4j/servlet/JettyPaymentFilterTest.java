package io.mpp4j.servlet;

import io.mpp4j.servlet.testing.JettyContainer;
import io.mpp4j.servlet.testing.TestContainer;

/** The end-to-end suite on embedded Jetty 12 (ee10). */
class JettyPaymentFilterTest extends PaymentFilterEndToEndTest {
  @Override
  protected TestContainer.Factory containerFactory() {
    return JettyContainer::start;
  }
}
