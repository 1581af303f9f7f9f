package io.mpp4j.servlet;

import io.mpp4j.servlet.testing.TestContainer;
import io.mpp4j.servlet.testing.TomcatContainer;

/** The end-to-end suite on embedded Tomcat 10.1. */
class TomcatPaymentFilterTest extends PaymentFilterEndToEndTest {
  @Override
  protected TestContainer.Factory containerFactory() {
    return TomcatContainer::start;
  }
}
