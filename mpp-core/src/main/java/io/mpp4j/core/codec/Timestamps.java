package io.mpp4j.core.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps as the reference implementation writes them ({@code
 * 2026-01-29T12:05:00.000Z}: UTC, milliseconds) and as any RFC 3339 producer may send them. The
 * canonical form is written and read without the general-purpose formatter: every challenge and
 * receipt goes through here.
 */
public final class Timestamps {
  private static final int CANONICAL_LENGTH = "2026-01-29T12:05:00.000Z".length();

  private Timestamps() {}

  /** {@code instant} in UTC with exactly three fraction digits (years 0000 to 9999). */
  public static String format(Instant instant) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = time.getYear();
    if (year < 0 || year > 9999) {
      throw new DateTimeException("year out of RFC 3339 range: " + year);
    }
    char[] out = new char[CANONICAL_LENGTH];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, time.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, time.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, time.getHour(), 2);
    out[13] = ':';
    digits(out, 14, time.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, time.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, instant.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  /**
   * Parses RFC 3339 with any offset.
   *
   * @throws DateTimeParseException when it is not RFC 3339
   */
  public static Instant parse(String text) {
    if (text.length() == CANONICAL_LENGTH && isCanonicalShape(text)) {
      try {
        LocalDate date = LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2));
        LocalTime time =
            LocalTime.of(
                number(text, 11, 2),
                number(text, 14, 2),
                number(text, 17, 2),
                number(text, 20, 3) * 1_000_000);
        return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw new DateTimeParseException("invalid date or time", text, 0, e);
      }
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static boolean isCanonicalShape(String text) {
    for (int i = 0; i < CANONICAL_LENGTH; i++) {
      char c = text.charAt(i);
      char expected =
          switch (i) {
            case 4, 7 -> '-';
            case 10 -> 'T';
            case 13, 16 -> ':';
            case 19 -> '.';
            case 23 -> 'Z';
            default -> '0';
          };
      boolean ok = expected == '0' ? c >= '0' && c <= '9' : c == expected;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static void digits(char[] out, int from, int value, int length) {
    for (int i = from + length - 1; i >= from; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
