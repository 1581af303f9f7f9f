package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotatedRoutesTest {

  @Test
  void paidMethodsWhenClassAnnotatedThenWhatTheServletServes() {
    assertThat(AnnotatedRoutes.paidMethods(ClassLevel.class).keySet())
        .containsExactlyInAnyOrder("GET", "HEAD", "POST");
    assertThat(AnnotatedRoutes.paidMethods(Inherited.class).keySet())
        .containsExactlyInAnyOrder("GET", "HEAD", "POST");
  }

  @Test
  void paidMethodsWhenOnlyMethodAnnotatedThenOnlyThatMethod() {
    assertThat(AnnotatedRoutes.paidMethods(MethodLevel.class).keySet()).containsExactly("POST");
  }

  @Test
  void paidMethodsWhenBothThenMethodAnnotationWins() {
    Map<String, Paid> paid = AnnotatedRoutes.paidMethods(Mixed.class);

    assertThat(paid.get("GET").price()).isEqualTo("0.10");
    assertThat(paid.get("POST").baseUnits()).isEqualTo(3);
    assertThat(paid).doesNotContainKey("PUT");
  }

  @Test
  void paidMethodsWhenServletDispatchesItselfThenAllButOptionsAndTrace() {
    assertThat(AnnotatedRoutes.paidMethods(OwnService.class).keySet())
        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
  }

  @Test
  void offersWhenMethodsNamedThenOneOfferPerMethodElseDefaults() {
    Paid mixed = AnnotatedRoutes.paidMethods(Mixed.class).get("POST");
    Paid classLevel = AnnotatedRoutes.paidMethods(ClassLevel.class).get("GET");

    List<Offer> named = PaidOffers.of(mixed, List.of("tempo"), "Mixed");
    List<Offer> defaults = PaidOffers.of(classLevel, List.of("tempo", "stripe"), "C");

    assertThat(named).extracting(Offer::method).containsExactly("fake", "alt");
    assertThat(named.get(0).price()).isEqualTo(Price.baseUnits(3));
    assertThat(defaults).extracting(Offer::method).containsExactly("tempo", "stripe");
    assertThat(defaults.get(0).price()).isEqualTo(Price.of("0.10"));
    assertThat(defaults.get(0).currency()).isEqualTo("usd");
    assertThat(defaults.get(0).description()).isNull();
  }

  @Test
  void offersWhenPriceAmbiguousOrNoMethodsThenRefused() {
    Paid both = AnnotatedRoutes.paidMethods(BothPrices.class).get("GET");
    Paid classLevel = AnnotatedRoutes.paidMethods(ClassLevel.class).get("GET");

    assertThatThrownBy(() -> PaidOffers.of(both, List.of("fake"), "BothPrices"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of price and baseUnits");
    assertThatThrownBy(() -> PaidOffers.of(classLevel, List.of(), "ClassLevel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no default methods");
  }

  @Paid(price = "0.10", currency = "usd")
  public static class ClassLevel extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {}
  }

  public static class Inherited extends ClassLevel {
    private static final long serialVersionUID = 1L;
  }

  public static class MethodLevel extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}

    @Paid(price = "0.02")
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {}
  }

  @Paid(price = "0.10")
  public static class Mixed extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}

    @Paid(
        baseUnits = 3,
        methods = {"fake", "alt"})
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {}
  }

  @Paid(price = "1")
  public static class OwnService extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) {}
  }

  @Paid(price = "1", baseUnits = 100)
  public static class BothPrices extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}
  }
}
