package io.dealerpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.demo.servers.LocalInfluxd;
import io.dealerpulse.simulator.network.SiteProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo headless on real servers (mosquitto and influxd from the machine's packages, in-JVM Kafka, a
 * local Flink cluster): every simulated site's staffing windows reach InfluxDB - back-filled days and
 * live windows closed on the simulated clock - and stopping ends every process the demo started.
 * Needs {@code apt-get install -y mosquitto influxdb}.
 */
class DemoIT {
    private static final Pattern SITE_COUNT = Pattern.compile("\\[\"([^\"]+)\",(\\d+)\\]");

    @Test
    void everySitesWindowsReachInfluxDbAndStoppingLeavesNoProcessBehind() throws Exception {
        assertThat(io.dealerpulse.demo.servers.Ports.executable("mosquitto")).as("install mosquitto: apt-get install -y mosquitto").isPresent();
        assertThat(io.dealerpulse.demo.servers.Ports.executable("influxd")).as("install influxd: apt-get install -y influxdb").isPresent();
        DemoOptions options = DemoOptions.parse(new String[] {"--sites", "3", "--speed", "360", "--seed", "7",
                "--history-days", "1", "--survey-days", "5", "--flink-ui-port", "0", "--no-view"},
                LocalDate.of(2026, 3, 4));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Demo demo = new Demo(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<Long> pids;
        Map<String, Long> liveWindowsPerSite;
        long started = System.nanoTime();
        try {
            demo.start();
            pids = demo.childPids();
            assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            List<String> sites = demo.network().scenario().sites().stream().map(SiteProfile::id).toList();
            String liveStart = demo.network().now().toString();

            Map<String, Long> windows = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                windows = countPerSite(demo.influxUrl(), "SELECT count(visitors) FROM staffing_window GROUP BY site");
                if (windows.keySet().containsAll(sites)) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("first windows of every site in InfluxDB %.1f s after the demo started: %s%n",
                    (System.nanoTime() - started) / 1e9, windows);
            assertThat(windows).containsOnlyKeys(sites);

            // Live windows: closed on the simulated clock after the live start, from agents fed over MQTT.
            liveWindowsPerSite = Map.of();
            deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                liveWindowsPerSite = countPerSite(demo.influxUrl(), "SELECT count(visitors) FROM staffing_window"
                        + " WHERE time >= '" + liveStart + "' AND visitors > 0 GROUP BY site");
                if (liveWindowsPerSite.keySet().containsAll(sites)) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("live windows with visitors per site %.1f s after start: %s%n",
                    (System.nanoTime() - started) / 1e9, liveWindowsPerSite);
            assertThat(liveWindowsPerSite).containsOnlyKeys(sites);
            assertThat(demo.live().failure()).isNull();
        } finally {
            demo.close();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("mosquitto tcp://127.0.0.1:").contains("Flink     web UI http://127.0.0.1:")
                .contains("Back-fill [########################################] 100%");
        assertThat(Path.of(output.replaceAll("(?s).*work directory (\\S+)\\).*", "$1"))).doesNotExist();
    }

    private static Map<String, Long> countPerSite(String influxUrl, String query) throws Exception {
        String json = LocalInfluxd.query(influxUrl, "dealerpulse", query);
        Map<String, Long> counts = new HashMap<>();
        Matcher series = Pattern.compile("\"tags\":\\{\"site\":\"([^\"]+)\"\\},\"columns\":\\[[^]]*\\],\"values\":\\[\\[[^,]+,(\\d+)\\]")
                .matcher(json);
        while (series.find()) {
            counts.put(series.group(1), Long.parseLong(series.group(2)));
        }
        return counts;
    }
}
