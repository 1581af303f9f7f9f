package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.testing.FakePaymentMethod;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentFilterInitTest {
  private final Mpp mpp =
      Mpp.builder()
          .realm("api.test")
          .secret(Secret.of("a unit test secret of at least 32 bytes"))
          .method(new FakePaymentMethod())
          .build();

  @Test
  void initWhenCreatedByContainerWithoutConfigureThenFailsClearly() {
    ServletContext context = Fakes.context(Map.of());

    assertThatThrownBy(() -> new PaymentFilter().init(Fakes.filterConfig(context)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("PaymentFilter.configure");
  }

  @Test
  void initWhenConfiguredThroughContextThenStarts() {
    ServletContext context = Fakes.context(Map.of("ok", AnnotatedRoutesTest.MethodLevel.class));
    PaymentFilter.configure(context, PaymentFilter.builder(mpp).defaultMethods("fake"));

    assertThatCode(() -> new PaymentFilter().init(Fakes.filterConfig(context)))
        .doesNotThrowAnyException();
    assertThat(context.getAttribute(PaymentFilter.SETTINGS_ATTRIBUTE)).isNotNull();
  }

  @Test
  void initWhenAnnotationNamesUnregisteredMethodThenFails() {
    ServletContext context = Fakes.context(Map.of("mixed", AnnotatedRoutesTest.Mixed.class));
    PaymentFilter filter = PaymentFilter.builder(mpp).defaultMethods("fake").build();

    assertThatThrownBy(() -> filter.init(Fakes.filterConfig(context)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("alt");
  }

  @Test
  void initWhenRoutePriceNotRepresentableThenFails() {
    ServletContext context = Fakes.context(Map.of());
    PaymentFilter filter =
        PaymentFilter.builder(mpp)
            .routes(
                RouteTable.builder()
                    .route("GET", "/a", Offer.charge("fake").price("0.001").build())
                    .build())
            .build();

    assertThatThrownBy(() -> filter.init(Fakes.filterConfig(context)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("0.001");
  }

  @Test
  void initWhenAnnotationHasNoMethodsThenEveryRegisteredMethodIsOffered() throws Exception {
    ServletContext context = Fakes.context(Map.of("c", AnnotatedRoutesTest.ClassLevel.class));
    PaymentFilter.Builder builder = PaymentFilter.builder(mpp);

    builder.build().init(Fakes.filterConfig(context));

    assertThat(builder.settings().defaultMethods()).containsExactlyElementsOf(mpp.methodIds());
    assertThat(mpp.methodIds()).containsExactly("fake");
  }
}
