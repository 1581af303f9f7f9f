package io.mpp4j.conformance;

import io.mpp4j.core.conformance.VectorSuite;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The core cross-SDK vectors (www-authenticate, authorization, base64url, challenge-id) answered by
 * the adapter's in-process entry point, one test per scenario: what the harness would see.
 */
class AdapterVectorsTest {

  @TestFactory
  List<DynamicNode> coreVectorsPassThroughTheAdapter() {
    Adapter adapter = new Adapter(OperationRegistry.standard(), System.err);
    return new VectorSuite(new AdapterDriver(adapter)).coreFiles();
  }
}
