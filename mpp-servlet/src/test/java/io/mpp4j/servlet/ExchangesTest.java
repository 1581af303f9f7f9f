package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangesTest {

  @Test
  void isHttpsWhenConnectionSecureThenTrue() {
    assertThat(Exchanges.isHttps(Fakes.request(true, Map.of()), false)).isTrue();
  }

  @Test
  void isHttpsWhenForwardedProtoNotTrustedThenHeaderIgnored() {
    var request = Fakes.request(false, Map.of("X-Forwarded-Proto", List.of("https")));

    assertThat(Exchanges.isHttps(request, false)).isFalse();
  }

  @Test
  void isHttpsWhenTrustedProxySaysHttpsThenTrue() {
    var request = Fakes.request(false, Map.of("X-Forwarded-Proto", List.of("https")));

    assertThat(Exchanges.isHttps(request, true)).isTrue();
  }

  @Test
  void isHttpsWhenClientSpoofsEarlierEntryThenNearestProxyDecides() {
    var appended = Fakes.request(false, Map.of("X-Forwarded-Proto", List.of("https, http")));
    var repeated = Fakes.request(false, Map.of("X-Forwarded-Proto", List.of("https", "http")));
    var absent = Fakes.request(false, Map.of());

    assertThat(Exchanges.isHttps(appended, true)).isFalse();
    assertThat(Exchanges.isHttps(repeated, true)).isFalse();
    assertThat(Exchanges.isHttps(absent, true)).isFalse();
  }
}
