package dev.microsim.model.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Units read and written the way people write them: no ISO-8601 PT0S, no 8640001s, no silent overflow. */
class UnitsTest {
    @Test
    void durationsAreShownInTheUnitsPeopleWrite() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofDays(100).plusSeconds(1))).isEqualTo("100d1s");
        assertThat(Durations.format(Duration.ofSeconds(61).plusMillis(500))).isEqualTo("1m1s500ms");
        assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }

    @Test
    void everyFormattedDurationParsesBackExactly() {
        for (Duration d : new Duration[] {Duration.ofNanos(7), Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofDays(100).plusSeconds(1),
                Duration.ofHours(25).plusNanos(3), Duration.ofSeconds(-61)}) {
            assertThat(Durations.parse(Durations.format(d))).as(Durations.format(d)).isEqualTo(d);
        }
    }

    @Test
    void aDurationTooLongToHoldIsAnErrorNotAWrappedValue() {
        assertThatThrownBy(() -> Durations.parse("99999999999999d"))
                .hasMessage("duration \"99999999999999d\" is too long (the most a duration can hold is about 292 years)");
        assertThat(Durations.parse("36500d")).isEqualTo(Duration.ofDays(36500));
    }

    @Test
    void aSizeTooLargeToCountIsAnErrorAndLargeSizesReadBack() {
        assertThatThrownBy(() -> ByteSize.parse("99999999999TiB")).hasMessage("size \"99999999999TiB\" is too large to count in bytes");
        assertThat(ByteSize.parse("100TiB").toString()).isEqualTo("100TiB");
        assertThat(ByteSize.parse("2Gi").toString()).isEqualTo("2GiB");
        assertThat(ByteSize.parse(ByteSize.parse("3Ti").toString())).isEqualTo(ByteSize.parse("3Ti"));
    }
}
