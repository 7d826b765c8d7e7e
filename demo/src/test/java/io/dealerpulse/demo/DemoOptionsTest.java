package io.dealerpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    /** A Sunday. */
    private static final LocalDate SUNDAY = LocalDate.of(2026, 3, 8);

    @Test
    void defaultsRunSixSitesFromTheLatestWeekdayMorning() {
        DemoOptions options = DemoOptions.parse(new String[0], SUNDAY);
        assertThat(options.sites()).isEqualTo(6);
        assertThat(options.speed()).isEqualTo(360);
        assertThat(options.simulator()).isTrue();
        assertThat(options.start()).isEqualTo(Instant.parse("2026-03-06T08:30:00Z")); // Friday 09:30 in Paris
    }

    @Test
    void readsEveryOption() {
        DemoOptions options = DemoOptions.parse(new String[] {"--sites", "12", "--speed", "60", "--seed", "9",
                "--mqtt", "tcp://10.0.0.1:1883", "--kafka", "k:9092", "--influx", "http://i:8086", "--no-simulator",
                "--duration", "90s", "--start", "2026-03-02T08:00"}, SUNDAY);
        assertThat(options.sites()).isEqualTo(12);
        assertThat(options.seed()).isEqualTo(9);
        assertThat(options.mqtt()).isEqualTo("tcp://10.0.0.1:1883");
        assertThat(options.kafka()).isEqualTo("k:9092");
        assertThat(options.influx()).isEqualTo("http://i:8086");
        assertThat(options.simulator()).isFalse();
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.start()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--sites", "0", "--mqtt", "localhost", "--bogus",
                "--duration", "soon"}, SUNDAY))
                .hasMessageContaining("--sites must be 1 to 200")
                .hasMessageContaining("--mqtt must be a broker URI")
                .hasMessageContaining("unknown option '--bogus'")
                .hasMessageContaining("write a duration like 90s");
    }

    @Test
    void aBadCommandLineExitsWithTwoAndTheUsage() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(DemoMain.run(new String[] {"--speed", "0"}, new java.io.PrintStream(out, true))).isEqualTo(2);
        assertThat(out.toString()).contains("--speed must be 1 to 10000").contains("Usage:");
    }
}
