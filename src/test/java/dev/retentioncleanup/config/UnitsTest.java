package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({
            "64MB, 64000000",
            "64mb, 64000000",
            "1.5GiB, 1610612736",
            "512kB, 512000",
            "512KB, 512000",
            "1KiB, 1024",
            "2TiB, 2199023255552",
            "1TB, 1000000000000",
            "0, 0",
            "1048576, 1048576",
            "10B, 10",
            "'  16 MiB ', 16777216",
            "1.0005kB, 1001",
    })
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12XB", "64M", "1.5", "-1MB", "MB", "", "1e6", "64 M B"})
    void rejectsBadSizesNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Units.parseBytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a size (examples: 64MB, 1.5GiB, 512kB, 1048576)");
    }

    @Test
    void rejectsSizesThatOverflowALong() {
        assertThatThrownBy(() -> Units.parseBytes("9000PiB"))
                .hasMessage("'9000PiB' is too large for a size");
    }

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "10m, PT10M",
            "10min, PT10M",
            "2h, PT2H",
            "1d, PT24H",
            "1h30m, PT1H30M",
            "1d2h3m4s5ms, PT26H3M4.005S",
            "1.5h, PT1H30M",
            "0, PT0S",
            "0ms, PT0S",
    })
    void parsesDurations(String text, String iso) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10x", "30", "5m5m", "30s1h", "1h 30m", "", "ms", "-5s", "10M"})
    void rejectsBadDurations(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (examples: 500ms, 30s, 10m, 2h, 1d, 1h30m)");
    }

    @ParameterizedTest
    @CsvSource({
            "32MB/s, 32000000",
            "32MiB/s, 33554432",
            "1GB/min, 16666667",
            "36GB/h, 10000000",
            "1048576/s, 1048576",
    })
    void parsesRatesToBytesPerSecond(String text, long bytesPerSecond) {
        assertThat(Units.parseRate(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"32MB", "32MB/day", "32XB/s", "/s", "32MB/"})
    void rejectsBadRates(String text) {
        assertThatThrownBy(() -> Units.parseRate(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a rate (examples: 32MB/s, 32MiB/s, 1GB/min)");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1H30M, 1h30m", "PT26H0.005S, 1d2h5ms", "PT1H5S, 1h5s"})
    void formatsDurationsSoTheyParseBack(String iso, String text) {
        Duration duration = Duration.parse(iso);
        assertThat(Units.formatDuration(duration)).isEqualTo(text);
        assertThat(Units.parseDuration(text)).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "64000000, 61.0 MiB", "1610612736, 1.5 GiB",
            "-2048, -2.0 KiB", "1125899906842624, 1.0 PiB", "1152921504606846976, 1024.0 PiB"})
    void formatsReadingsInBinaryUnitsToOneDecimal(double bytes, String text) {
        assertThat(Units.bytes(bytes)).isEqualTo(text);
        assertThat(Units.rate(bytes)).isEqualTo(text + "/s");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0.0s", "PT2.54S, 2.5s", "PT59.9S, 59.9s", "PT1M, 1m00s", "PT3M5S, 3m05s", "PT59M59S, 59m59s",
            "PT1H, 1h00m", "PT26H2M, 26h02m"})
    void formatsElapsedTimesToTheirReadablePrecision(Duration duration, String text) {
        assertThat(Units.elapsed(duration)).isEqualTo(text);
    }

    @Test
    void writtenKeepsTheTextOfTheValue() {
        Written<Long> limit = Written.by(Units::parseBytes).apply("64MB");
        assertThat(limit).isEqualTo(new Written<>(64_000_000L, "64MB"));
    }
}
