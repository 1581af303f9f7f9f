package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.Offer;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final Offer CHEAP = Offer.charge("fake").price("0.01").build();
  private static final Offer DEAR = Offer.charge("fake").price("1.00").build();

  @Test
  void matchWhenSeveralPatternsMatchThenMostSpecificWins() {
    RouteTable table =
        RouteTable.builder()
            .route("GET", "/api/*", CHEAP)
            .route("GET", "/api/reports/{id}", DEAR)
            .build();

    assertThat(table.match("GET", "/api/reports/7").orElseThrow().fixed()).containsExactly(DEAR);
    assertThat(table.match("GET", "/api/other").orElseThrow().fixed()).containsExactly(CHEAP);
    assertThat(table.match("POST", "/api/other")).isEmpty();
  }

  @Test
  void matchWhenHeadWithoutOwnRouteThenGetRouteCharges() {
    RouteTable table =
        RouteTable.builder().route("get", "/a", CHEAP).route("HEAD", "/b", DEAR).build();

    assertThat(table.match("HEAD", "/a").orElseThrow().fixed()).containsExactly(CHEAP);
    assertThat(table.match("HEAD", "/b").orElseThrow().fixed()).containsExactly(DEAR);
  }

  @Test
  void routeWhenDeclaredTwiceOrWithoutOffersThenRefused() {
    assertThatThrownBy(
            () -> RouteTable.builder().route("GET", "/a", CHEAP).route("GET", "/a/", DEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> RouteTable.builder().route("GET", "/a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RouteTable.builder().route("GET /a", "/a", CHEAP))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
