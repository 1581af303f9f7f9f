package io.mpp4j.conformance;

/** The error types of the adapter protocol ({@code protocol.schema.json#/$defs/ErrorType}). */
final class ErrorTypes {
  static final String PARSE = "parse_error";
  static final String FORMAT = "format_error";
  static final String ENCODING = "encoding_error";
  static final String GENERATION = "generation_error";
  static final String VERIFICATION = "verification_error";
  static final String UNSUPPORTED = "unsupported_operation";
  static final String UNKNOWN = "unknown_error";

  private ErrorTypes() {}
}
