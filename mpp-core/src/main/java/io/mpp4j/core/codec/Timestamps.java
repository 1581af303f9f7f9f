package io.mpp4j.core.codec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 timestamps as the reference implementation writes them ({@code
 * 2026-01-29T12:05:00.000Z}: UTC, milliseconds) and as any RFC 3339 producer may send them.
 */
public final class Timestamps {
  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return MILLIS_UTC.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses RFC 3339 with any offset.
   *
   * @throws java.time.format.DateTimeParseException when it is not RFC 3339
   */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }
}
