package io.mpp4j.core.conformance;

import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The cross-SDK vectors that apply to mpp-core (www-authenticate, authorization, base64url,
 * challenge-id) run against the codecs in-process, one test per scenario.
 */
class CoreVectorsTest {

  @TestFactory
  List<DynamicNode> coreVectorsPassThroughCodecs() {
    return new VectorSuite(new CodecDriver()).coreFiles();
  }
}
