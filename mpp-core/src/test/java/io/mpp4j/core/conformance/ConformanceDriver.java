package io.mpp4j.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one operation of the conformance adapter protocol ({@code challenge.parse}, {@code
 * base64url.decode}, ...) on an input object. The codecs implement it in-process; the conformance
 * module implements it through its adapter, so that both answer the same vectors.
 */
@FunctionalInterface
public interface ConformanceDriver {
  Outcome call(String operation, JsonNode input);
}
