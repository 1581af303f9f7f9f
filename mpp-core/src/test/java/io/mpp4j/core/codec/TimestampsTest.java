package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void formatWhenInstantHasNanosThenUtcWithThreeFractionDigits() {
    assertThat(Timestamps.format(Instant.parse("2026-01-29T12:05:00Z")))
        .isEqualTo("2026-01-29T12:05:00.000Z");
    assertThat(Timestamps.format(Instant.parse("2026-11-21T23:59:59.987654321Z")))
        .isEqualTo("2026-11-21T23:59:59.987Z");
    assertThat(Timestamps.format(Instant.parse("0001-02-03T04:05:06.007Z")))
        .isEqualTo("0001-02-03T04:05:06.007Z");
  }

  @Test
  void parseWhenAnyRfc3339OffsetThenSameInstant() {
    Instant expected = Instant.parse("2026-01-29T12:05:00Z");
    assertThat(Timestamps.parse("2026-01-29T12:05:00.000Z")).isEqualTo(expected);
    assertThat(Timestamps.parse("2026-01-29T12:05:00Z")).isEqualTo(expected);
    assertThat(Timestamps.parse("2026-01-29T13:05:00+01:00")).isEqualTo(expected);
    assertThat(Timestamps.parse("2026-01-29T12:05:00.000000Z")).isEqualTo(expected);
  }

  @Test
  void parseWhenCanonicalShapeButImpossibleDateThenRefused() {
    for (String bad :
        new String[] {
          "2026-02-30T12:05:00.000Z", "2026-13-01T12:05:00.000Z", "2026-01-29T24:05:00.000Z",
          "2026-01-29T12:60:00.000Z", "2026-01-29 12:05:00.000Z", "2026-01-29T12:05:00.000z1",
          "not a timestamp at all!!"
        }) {
      assertThatThrownBy(() -> Timestamps.parse(bad))
          .as(bad)
          .isInstanceOf(DateTimeParseException.class);
    }
  }

  @Property(tries = 300)
  void formatThenParseWhenAnyInstantThenSameMillisecond(
      @ForAll @LongRange(min = -62135596800000L, max = 253402300799999L) long millis) {
    Instant instant = Instant.ofEpochMilli(millis);

    String text = Timestamps.format(instant);

    assertThat(Timestamps.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
    assertThat(Instant.parse(text)).isEqualTo(instant);
  }
}
