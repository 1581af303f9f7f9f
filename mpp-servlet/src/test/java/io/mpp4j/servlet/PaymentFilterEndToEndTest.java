package io.mpp4j.servlet;

import io.mpp4j.servlet.testing.TestContainer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The payment filter over real HTTP on an embedded container; one subclass per container runs every
 * group of tests, each a {@code @Nested} class over one suite in its own file
 * (draft-httpauth-payment-00 §5–§8, draft-payment-discovery-00).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentFilterEndToEndTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final TestApp app = new TestApp();
  private TestContainer container;

  protected abstract TestContainer.Factory containerFactory();

  @BeforeAll
  void startContainer() throws Exception {
    container = containerFactory().start(app);
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  TestApp app() {
    return app;
  }

  TestContainer container() {
    return container;
  }

  HttpClient client() {
    return client;
  }

  @Nested
  class Challenges extends ChallengeSuite {}

  @Nested
  class Bodies extends BodySuite {}

  @Nested
  class Refusals extends RefusalSuite {}

  @Nested
  class ResponseHeaders extends ResponseHeadersSuite {}

  @Nested
  class Idempotency extends IdempotencySuite {}

  @Nested
  class SettlementLifecycle extends SettlementLifecycleSuite {}

  @Nested
  class OperatorView extends OperatorViewSuite {}

  @Nested
  class TransportSecurity extends TransportSecuritySuite {}

  @Nested
  class Discovery extends DiscoverySuite {}
}
