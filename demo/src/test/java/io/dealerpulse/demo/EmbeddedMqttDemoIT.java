package io.dealerpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.demo.oracle.StoredPoints;
import io.dealerpulse.simulator.network.SiteProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code --mqtt embedded}: HiveMQ CE in the demo's JVM is the site broker, as on a machine
 * without mosquitto. The simulated devices publish to it, the agents read from it, and every site gets
 * live windows and a live score in InfluxDB (influxd from the machine's packages).
 */
class EmbeddedMqttDemoIT {

    @Test
    void withTheEmbeddedBrokerEverySiteGetsLiveWindowsAndAScore() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {"--mqtt", "embedded", "--sites", "2", "--seed", "3",
                "--history-days", "0", "--survey-days", "30", "--flink-ui-port", "0", "--no-view"},
                LocalDate.of(2026, 3, 4));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Demo demo = new Demo(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            demo.start();
            assertThat(demo.childPids()).as("only influxd: no mosquitto started").hasSize(1);
            List<String> sites = demo.network().scenario().sites().stream().map(SiteProfile::id).toList();
            StoredPoints influx = new StoredPoints(demo.influxUrl(), "dealerpulse");
            String liveStart = demo.network().now().toString();
            // Windows closed after the live start come from devices that published to the embedded broker.
            Map<String, Long> live = Map.of();
            Map<String, Long> scores = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                live = influx.countPerSite("staffing_window", "visitors", "time >= '" + liveStart + "' AND visitors > 0");
                scores = influx.countPerSite("site_score", "score", "time >= '" + liveStart + "'");
                if (live.keySet().containsAll(sites) && scores.keySet().containsAll(sites)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(live).as("live windows with visitors").containsOnlyKeys(sites);
            assertThat(scores).as("live scores").containsOnlyKeys(sites);
            assertThat(demo.live().failure()).isNull();
        } finally {
            demo.close();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("MQTT      embedded HiveMQ CE tcp://127.0.0.1:");
    }
}
