package io.mpp4j.spring.boot;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Registers the payment filter with the servlet container and finishes building it once the
 * application's singletons (its handler mappings, its engine) are ready.
 */
final class PaymentFilterRegistration extends FilterRegistrationBean<DeferredPaymentFilter>
    implements SmartInitializingSingleton {
  PaymentFilterRegistration(DeferredPaymentFilter filter) {
    super(filter);
  }

  @Override
  public void afterSingletonsInstantiated() {
    getFilter().afterSingletonsInstantiated();
  }
}
