package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of the conformance adapter protocol: the request's {@code input} in, the response's
 * {@code value} out.
 */
@FunctionalInterface
public interface Operation {
  /**
   * Runs the operation.
   *
   * @throws OperationException with the error type the operation registry allows
   */
  JsonNode apply(JsonNode input);
}
