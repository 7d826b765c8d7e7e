package io.dealerpulse.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's command line, parsed and checked. Every option has a default, so the bare command runs
 * the whole network on one machine.
 *
 * @param mqtt external broker URI, {@link #EMBEDDED_MQTT} to force the embedded broker, or null to start
 *     mosquitto when installed (the embedded broker otherwise)
 * @param kafka external bootstrap servers, or null for the in-JVM broker
 * @param influx external InfluxDB URL, or null to start {@code influxd} when installed
 * @param duration how long to run before stopping by itself (headless runs), or null for until Ctrl-C
 * @param start the simulated instant the live phase starts at
 */
public record DemoOptions(int sites, double speed, long seed, String mqtt, String kafka, String influx,
        boolean simulator, Duration duration, int historyDays, int surveyDays, Instant start, int flinkUiPort,
        boolean view) {

    public static final ZoneId NETWORK_ZONE = ZoneId.of("Europe/Paris");
    /** {@code --mqtt embedded}: HiveMQ CE in the demo's JVM even where mosquitto is installed. */
    public static final String EMBEDDED_MQTT = "embedded";

    public static final String USAGE = String.join("\n",
            "Usage: java -jar demo/target/dealerpulse-demo.jar [options]",
            "  --sites N          simulated dealerships (default 6)",
            "  --speed X          simulated seconds per real second (default 360: a day in 4 minutes)",
            "  --seed S           seed of the simulated network (default 42)",
            "  --mqtt URL         use this MQTT broker instead of starting one (e.g. tcp://127.0.0.1:1883);",
            "                     --mqtt embedded starts the embedded HiveMQ CE even where mosquitto is installed",
            "  --kafka HOST:PORT  use this Kafka instead of the in-JVM broker",
            "  --influx URL       use this InfluxDB 1.x instead of starting influxd (e.g. http://127.0.0.1:8086)",
            "  --no-simulator     start the pipeline only, on the wall clock: feed it your own devices and imports",
            "  --duration D       stop after D (e.g. 90s, 5m); default: run until Ctrl-C",
            "  --history-days N   days of traffic back-filled before now (default 3)",
            "  --survey-days N    days of survey answers back-filled (default 30)",
            "  --start DATE[THH:MM] simulated start, Paris time (default: the latest weekday, 09:30)",
            "  --flink-ui-port P  Flink web UI port (default 8081, another free port if taken)",
            "  --no-view          log lines instead of the live terminal view");

    public static DemoOptions defaults(LocalDate today) {
        return new DemoOptions(6, 360, 42L, null, null, null, true, null, 3, 30, defaultStart(today), 8081, true);
    }

    /** The latest Monday-to-Friday on or before {@code today}, 09:30 in Paris: every metropolitan site is open. */
    static Instant defaultStart(LocalDate today) {
        LocalDate day = today;
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.minusDays(1);
        }
        return day.atTime(LocalTime.of(9, 30)).atZone(NETWORK_ZONE).toInstant();
    }

    /** Parses the arguments; every problem is collected and reported at once. */
    public static DemoOptions parse(String[] args, LocalDate today) {
        DemoOptions o = defaults(today);
        int sites = o.sites;
        double speed = o.speed;
        long seed = o.seed;
        String mqtt = null;
        String kafka = null;
        String influx = null;
        boolean simulator = true;
        boolean view = true;
        Duration duration = null;
        int historyDays = o.historyDays;
        int surveyDays = o.surveyDays;
        Instant start = o.start;
        int uiPort = o.flinkUiPort;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            try {
                switch (arg) {
                    case "--sites" -> sites = Integer.parseInt(require(arg, value, i++));
                    case "--speed" -> speed = Double.parseDouble(require(arg, value, i++));
                    case "--seed" -> seed = Long.parseLong(require(arg, value, i++));
                    case "--mqtt" -> mqtt = require(arg, value, i++);
                    case "--kafka" -> kafka = require(arg, value, i++);
                    case "--influx" -> influx = require(arg, value, i++);
                    case "--duration" -> duration = duration(require(arg, value, i++));
                    case "--history-days" -> historyDays = Integer.parseInt(require(arg, value, i++));
                    case "--survey-days" -> surveyDays = Integer.parseInt(require(arg, value, i++));
                    case "--start" -> start = start(require(arg, value, i++));
                    case "--flink-ui-port" -> uiPort = Integer.parseInt(require(arg, value, i++));
                    case "--no-simulator" -> simulator = false;
                    case "--no-view" -> view = false;
                    default -> problems.add("unknown option '" + arg + "'");
                }
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                problems.add(arg + ": " + e.getMessage());
            }
        }
        if (sites < 1 || sites > 200) {
            problems.add("--sites must be 1 to 200, got " + sites);
        }
        if (!(speed >= 1) || speed > 10_000) {
            problems.add("--speed must be 1 to 10000, got " + speed);
        }
        if (mqtt != null && !mqtt.equals(EMBEDDED_MQTT) && !mqtt.matches("(tcp|ssl|ws|wss)://.+")) {
            problems.add("--mqtt must be a broker URI such as tcp://127.0.0.1:1883 or 'embedded', got '" + mqtt + "'");
        }
        if (influx != null && !influx.matches("https?://.+")) {
            problems.add("--influx must be an HTTP URL such as http://127.0.0.1:8086, got '" + influx + "'");
        }
        if (historyDays < 0 || historyDays > 30 || surveyDays < 0 || surveyDays > 365) {
            problems.add("--history-days must be 0 to 30 and --survey-days 0 to 365");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new DemoOptions(sites, speed, seed, mqtt, kafka, influx, simulator, duration, historyDays, surveyDays,
                start, uiPort, view);
    }

    private static String require(String option, String value, int index) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException("needs a value");
        }
        return value;
    }

    /** {@code 90s}, {@code 5m}, {@code 2h} or ISO-8601 {@code PT90S}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(t);
        }
        if (!t.matches("\\d+(ms|s|m|h)")) {
            throw new IllegalArgumentException("write a duration like 90s, 5m or 2h, got '" + text + "'");
        }
        long n = Long.parseLong(t.replaceAll("\\D", ""));
        return switch (t.replaceAll("\\d", "")) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static Instant start(String text) {
        return text.contains("T") ? java.time.LocalDateTime.parse(text).atZone(NETWORK_ZONE).toInstant()
                : LocalDate.parse(text).atTime(9, 30).atZone(NETWORK_ZONE).toInstant();
    }
}
