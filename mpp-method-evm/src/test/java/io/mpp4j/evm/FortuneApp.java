package io.mpp4j.evm;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.store.Store;
import io.mpp4j.servlet.PaymentFilter;
import io.mpp4j.servlet.RouteTable;
import io.mpp4j.servlet.testing.JettyContainer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * A paid {@code GET /api/fortune} (0.01 of the chain's token) behind the payment filter with x402
 * on, on embedded Jetty: what the interop tests pay with the real clients.
 */
final class FortuneApp implements ServletContainerInitializer, AutoCloseable {
  static final String SECRET = "an evm interop test secret of 32+ bytes";
  static final long PRICE = 10_000;

  final Mpp mpp;
  private final JettyContainer container;

  FortuneApp(EvmMethod method, Store store) throws Exception {
    Mpp.Builder builder =
        Mpp.builder()
            .realm("api.test")
            .secret(Secret.of(SECRET))
            .method(method)
            .reconcileEvery(null);
    if (store != null) {
      builder.store(store);
    }
    this.mpp = builder.build();
    this.container = JettyContainer.start(this);
  }

  URI url() {
    return container.uri("/api/fortune");
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addServlet("fortune", new Fortune()).addMapping("/api/fortune");
    RouteTable routes =
        RouteTable.builder()
            .route("GET", "/api/fortune", Offer.charge(EvmMethod.ID).price("0.01").build())
            .build();
    context
        .addFilter(
            "payment",
            PaymentFilter.builder(mpp)
                .routes(routes)
                .allowInsecureHttp(true)
                .discoveryPath(null)
                .x402(true)
                .build())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
  }

  private static final class Fortune extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("A journey of a thousand miles begins with a paid request.");
    }
  }

  @Override
  public void close() throws Exception {
    container.close();
  }
}
