package io.dealerpulse.jobs.app;

import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.jobs.sink.RetryBackoff;
import io.dealerpulse.schemas.topics.Topic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.TimeUtils;

/**
 * Every setting of the deployable job, read from a properties file ({@code --config jobs.properties})
 * and {@code --key value} arguments (arguments win). Each key is a {@link Key} constant with its
 * default and meaning; {@link #markdownTable()} renders them for {@code docs/jobs.md}.
 *
 * <p>All problems are collected and reported together, one line per key, saying what to do.
 * Secrets are never read from the properties file or the command line (both end up in process
 * listings and the Flink UI): the InfluxDB password comes from {@value #PASSWORD_ENV} or a file.
 */
public final class JobOptions {
    public static final String PASSWORD_ENV = "INFLUXDB_PASSWORD";
    /** Prefix of Kafka client settings passed through to every source and sink, e.g. security. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    /** One configuration key: its name, its default ({@code null} = none) and what it means. */
    public record Key(String name, String defaultValue, String meaning) {}

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    public static final Key CONFIG = key("config", null,
            "Properties file with any of these keys; `--key value` arguments override it.");
    public static final Key JOB_NAME = key("job.name", "DealerPulse KPIs", "Name of the Flink job.");
    public static final Key KAFKA_BOOTSTRAP = key("kafka.bootstrap.servers", null,
            "Required. Kafka bootstrap servers, `host:port[,host:port]`.");
    public static final Key KAFKA_GROUP = key("kafka.group.id", "dealerpulse-kpis",
            "Consumer group of the sources (offsets are committed on checkpoints, for monitoring lag).");
    public static final Key KAFKA_STARTING_OFFSETS = key("kafka.starting-offsets", "committed",
            "Where a job without a checkpoint starts reading: `committed` (the group's offsets, else earliest),"
                    + " `earliest` or `latest`. A restore from a checkpoint or savepoint always resumes from it.");
    public static final Key KAFKA_PROPERTIES = key(KAFKA_PROPERTIES_PREFIX + "*", null,
            "Passed to every Kafka client of the job without the prefix, e.g."
                    + " `kafka.properties.security.protocol=SASL_SSL`, `kafka.properties.sasl.mechanism=SCRAM-SHA-512`.");
    public static final Key KAFKA_SECRET_PROPERTIES_FILE = key("kafka.secret-properties-file", null,
            "Properties file of secret Kafka client settings (`sasl.jaas.config`, `ssl.keystore.password`, ...), passed"
                    + " like `kafka.properties.*` but never logged; secrets in `kafka.properties.*` are refused.");
    public static final Key REQUIRE_SIGNATURES = key("security.require-signatures", "false",
            "`true`: footfall, kiosk and agent-status records must carry a valid site signature, else they are"
                    + " dead-lettered as `FOREIGN_SITE`. `false`: only records that carry one are checked (migration).");
    public static final Key SITE_KEYS_FILE = key("security.site-keys-file", null,
            "Keyring of the agents' signing keys, `SITE-ID = key [next-key]` per line, readable on every task manager;"
                    + " empty = signatures are not checked. See docs/security.md.");
    private static final Map<Topic, Key> TOPIC_KEYS = new EnumMap<>(Topic.class);

    static {
        for (Topic topic : Topic.values()) {
            TOPIC_KEYS.put(topic, key("kafka.topic." + topic.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    topic.topicName(), topic.purpose()));
        }
    }

    public static final Key INFLUX_URL = key("influx.url", null, "Required. InfluxDB 1.x HTTP URL, e.g. `http://influxdb:8086`.");
    public static final Key INFLUX_DATABASE = key("influx.database", "dealerpulse",
            "Database of the KPI points (must exist; points of an investor group may name their own).");
    public static final Key INFLUX_USER = key("influx.user", null, "InfluxDB user with WRITE on the database; empty = no authentication.");
    public static final Key INFLUX_PASSWORD_FILE = key("influx.password-file", null,
            "File whose content (trimmed) is the InfluxDB password. Alternative: environment variable `"
                    + PASSWORD_ENV + "`. Required when `influx.user` is set.");
    public static final Key INFLUX_RETENTION_POLICY = key("influx.retention-policy", null,
            "Retention policy written to; empty = the database's default.");
    public static final Key INFLUX_BATCH_SIZE = key("influx.batch-size", Integer.toString(InfluxDbSinkOptions.DEFAULT_BATCH_SIZE),
            "Points buffered per sink subtask before a write is forced.");
    public static final Key INFLUX_FLUSH_INTERVAL = key("influx.flush-interval", "1 s",
            "Longest time a point waits in the sink's buffer (checkpoints also flush).");
    public static final Key INFLUX_REQUEST_TIMEOUT = key("influx.request-timeout", "10 s",
            "Bound of one HTTP write attempt.");
    public static final Key INFLUX_RETRY_INITIAL = key("influx.retry.initial-backoff", "200 ms",
            "Wait before the first retry of a failed write (no answer or 5xx); doubles per attempt.");
    public static final Key INFLUX_RETRY_MAX = key("influx.retry.max-backoff", "10 s",
            "Longest wait between retries. Retries never stop while the job runs: the job back-pressures.");
    public static final Key INFLUX_RETRY_JITTER = key("influx.retry.jitter", "0.5",
            "Share of each wait that is random, 0..1, so subtasks do not retry in lock-step.");
    public static final Key CHECKPOINT_DIR = key("checkpoint.dir", null,
            "Required. Durable checkpoint directory shared by all task managers, e.g. `s3://bucket/dealerpulse/checkpoints`"
                    + " or `file:///flink/checkpoints` on a shared volume.");
    public static final Key CHECKPOINT_INTERVAL = key("checkpoint.interval", "30 s",
            "Checkpoint interval; also the longest replay after a failure.");
    public static final Key CHECKPOINT_TIMEOUT = key("checkpoint.timeout", "2 min",
            "A checkpoint still running after this is declared failed. While InfluxDB is down the sink holds"
                    + " the checkpoint barrier, so this must exceed the outages to ride out.");
    public static final Key CHECKPOINT_MIN_PAUSE = key("checkpoint.min-pause", "5 s",
            "Least time between the end of one checkpoint and the start of the next.");
    public static final Key CHECKPOINT_TOLERABLE_FAILURES = key("checkpoint.tolerable-failures", "5",
            "Consecutive failed checkpoints tolerated before the job restarts. With the timeout this gives the"
                    + " outage budget, (tolerable-failures + 1) x timeout, logged at start (12 min by default).");
    public static final Key STATE_INCREMENTAL = key("state.incremental", "true",
            "Incremental RocksDB checkpoints (only changed SST files are uploaded). The state backend is always RocksDB.");
    public static final Key PARALLELISM = key("parallelism", null, "Job parallelism; empty = `flink run -p` or the cluster default.");
    public static final Key MAX_PARALLELISM = key("max-parallelism", "128",
            "Upper bound of rescaling (number of key groups); fixed for the life of the job's state.");
    public static final Key OUT_OF_ORDERNESS = key("kpi.out-of-orderness", "2 min",
            "A site's clock is the latest event time of its agent minus this; its windows close on that clock.");
    public static final Key ALLOWED_LATENESS = key("kpi.allowed-lateness", "24 h",
            "An event this much older than its site clock still corrects its window; older ones go to the late-events topic.");
    public static final Key UNKNOWN_SITE_HOLD = key("kpi.unknown-site-hold", "1 h",
            "How long events of a site without a registry version are held before being dead-lettered (processing time).");
    public static final Key ACCOUNTING_INTERVAL = key("kpi.accounting-emit-interval", "10 s",
            "How often changed per-stream accounting totals are written to InfluxDB (processing time).");

    // Investor-group databases and pipeline health (OutputOptions); read and checked by OutputOptionKeys.
    public static final Key INFLUX_GROUP_DATABASE_PREFIX = key("influx.group-database-prefix",
            OutputOptions.DEFAULT_GROUP_DATABASE_PREFIX,
            "Each investor group's points are also written to database `<prefix><group>` (group lower-cased, other"
                    + " characters than a-z, 0-9, _ replaced by `_`), its isolated view; cannot be turned off. [a-z0-9_]+."
                    + " See docs/influxdb-security.md.");
    public static final Key HEALTH_EMIT_INTERVAL = key("health.emit-interval", "10 s",
            "How often changed pipeline-health counters (dead letters, input rates, events per site and hour) are"
                    + " written (processing time).");
    public static final Key HEALTH_DOOR_SILENT_SPAN = key("health.door-silent-span", "1 h",
            "Opening time without a reception-door entry after which a site's door counter is suspected faulty"
                    + " (with enough check-ins); a multiple of 15 min.");
    public static final Key HEALTH_DOOR_SILENT_MIN_CHECK_INS = key("health.door-silent-min-check-ins", "3",
            "Kiosk check-ins during that silence needed to suspect the door counter; at least 1.");

    // Score model (ScoreOptions); read and checked by ScoreOptionKeys.
    public static final Key SCORE_WEIGHT_SATISFACTION = key("score.weight.satisfaction", "0.35",
            "Weight of the satisfaction (NPS) component, >= 0. Only the ratios of the five weights matter.");
    public static final Key SCORE_WEIGHT_WAITING = key("score.weight.waiting", "0.20",
            "Weight of the waiting component (served within 5 min), >= 0.");
    public static final Key SCORE_WEIGHT_STAFFING = key("score.weight.staffing", "0.20",
            "Weight of the staffing component (share of ok windows), >= 0.");
    public static final Key SCORE_WEIGHT_APPOINTMENTS = key("score.weight.appointments", "0.15",
            "Weight of the appointments component (served within 10 min), >= 0.");
    public static final Key SCORE_WEIGHT_FEEDBACK = key("score.weight.feedback", "0.10",
            "Weight of the kiosk feedback component, >= 0. The five weights must not all be 0.");
    public static final Key SCORE_MINIMUM_SURVEYS = key("score.minimum-surveys", "5",
            "Fewer surveys over 30 days: the satisfaction component has no data. At least 1.");
    public static final Key SCORE_MINIMUM_FEEDBACK = key("score.minimum-feedback", "5",
            "Fewer feedback presses over 7 days: the feedback component has no data. At least 1.");
    public static final Key SCORE_TIER_PLATINUM = key("score.tier.platinum", "90",
            "Inclusive lower bound of Platinum; must be above the Gold bound.");
    public static final Key SCORE_TIER_GOLD = key("score.tier.gold", "80",
            "Inclusive lower bound of Gold; must be above the Silver bound.");
    public static final Key SCORE_TIER_SILVER = key("score.tier.silver", "65",
            "Inclusive lower bound of Silver; below it, Bronze.");
    public static final Key SCORE_TREND_THRESHOLD = key("score.trend.threshold", "2",
            "Points the 7-day mean must gain (lose) over the 7 days before to be improving (declining), >= 0.");
    public static final Key SCORE_TREND_MINIMUM_DAYS = key("score.trend.minimum-days", "4",
            "Daily scores each 7-day block needs, else the trend is `insufficient_data`; 1..7.");
    public static final Key SCORE_COMPARISON_GRACE = key("score.comparison-grace", "2 h",
            "Processing time after which a date's daily comparisons are written flagged partial when some sites"
                    + " have not closed it.");

    /** Refused: a secret must not sit in a properties file or on the command line. */
    private static final String PASSWORD_KEY = "influx.password";

    /** Outages shorter than this must not restart the job (a 30 s InfluxDB restart, with margin). */
    static final Duration MIN_OUTAGE_BUDGET = Duration.ofSeconds(60);

    private final Map<String, String> values;
    private final String influxPassword;
    private final Properties kafkaProperties = new Properties();
    private final Map<String, String> kafkaSecretProperties;

    private JobOptions(Map<String, String> values, String influxPassword, Map<String, String> kafkaSecretProperties) {
        this.values = values;
        this.influxPassword = influxPassword;
        this.kafkaSecretProperties = Map.copyOf(kafkaSecretProperties);
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PROPERTIES_PREFIX)) {
                kafkaProperties.setProperty(k.substring(KAFKA_PROPERTIES_PREFIX.length()), v);
            }
        });
    }

    private static Key key(String name, String defaultValue, String meaning) {
        Key key = new Key(name, defaultValue, meaning);
        KEYS.put(name, key);
        return key;
    }

    /** Every key, in documentation order. */
    public static List<Key> keys() {
        return List.copyOf(KEYS.values());
    }

    public static Key topicKey(Topic topic) {
        return TOPIC_KEYS.get(topic);
    }

    /**
     * Reads {@code --config file} (if given) and {@code --key value} arguments, checks everything.
     *
     * @param environment where {@value #PASSWORD_ENV} is looked up ({@code System.getenv()} in production)
     * @throws InvalidJobOptionsException listing every problem found
     */
    public static JobOptions parse(String[] args, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> arguments = arguments(args, problems);
        Map<String, String> values = new TreeMap<>();
        String configFile = arguments.get(CONFIG.name());
        if (configFile != null) {
            values.putAll(readProperties(Path.of(configFile), problems));
        }
        values.putAll(arguments);
        values.remove(CONFIG.name());
        return validate(values, environment, problems);
    }

    private static Map<String, String> arguments(String[] args, List<String> problems) {
        Map<String, String> arguments = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("argument '" + arg + "': expected `--key value`; see docs/jobs.md for the keys");
            } else if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                problems.add(arg + ": has no value; write `" + arg + " <value>`");
            } else {
                arguments.put(arg.substring(2), args[++i]);
            }
        }
        return arguments;
    }

    private static Map<String, String> readProperties(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add(CONFIG.name() + ": cannot read " + file.toAbsolutePath() + " (" + e
                    + "); pass the path of a readable properties file");
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).strip()));
        return values;
    }

    private static JobOptions validate(Map<String, String> values, Map<String, String> environment,
            List<String> problems) {
        for (String name : values.keySet()) {
            if (!KEYS.containsKey(name) && !name.startsWith(KAFKA_PROPERTIES_PREFIX) && !name.equals(PASSWORD_KEY)) {
                problems.add(name + ": unknown key; check its spelling against docs/jobs.md");
            }
        }
        if (values.containsKey(PASSWORD_KEY)) {
            problems.add(PASSWORD_KEY + ": not accepted, a password in a file or on the command line leaks into"
                    + " process listings and the Flink UI; set " + PASSWORD_ENV + " or " + INFLUX_PASSWORD_FILE.name());
            values.remove(PASSWORD_KEY);
        }
        values.entrySet().removeIf(e -> e.getValue().isEmpty());

        ValueReader reader = new ValueReader(values, problems);
        reader.required(KAFKA_BOOTSTRAP);
        reader.required(INFLUX_URL);
        reader.required(CHECKPOINT_DIR);
        String url = values.get(INFLUX_URL.name());
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            problems.add(INFLUX_URL.name() + ": '" + url + "' is not an HTTP URL; write e.g. http://influxdb:8086");
        }
        String offsets = reader.string(KAFKA_STARTING_OFFSETS);
        if (!List.of("committed", "earliest", "latest").contains(offsets)) {
            problems.add(KAFKA_STARTING_OFFSETS.name() + ": '" + offsets + "' is not one of committed, earliest, latest");
        }
        for (Key key : List.of(INFLUX_FLUSH_INTERVAL, INFLUX_REQUEST_TIMEOUT, INFLUX_RETRY_INITIAL, INFLUX_RETRY_MAX,
                CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT, UNKNOWN_SITE_HOLD, ACCOUNTING_INTERVAL)) {
            reader.positiveDuration(key);
        }
        for (Key key : List.of(CHECKPOINT_MIN_PAUSE, OUT_OF_ORDERNESS, ALLOWED_LATENESS)) {
            reader.duration(key);
        }
        reader.positiveInt(INFLUX_BATCH_SIZE);
        reader.positiveInt(MAX_PARALLELISM);
        if (values.containsKey(PARALLELISM.name())) {
            reader.positiveInt(PARALLELISM);
        }
        int tolerable = reader.nonNegativeInt(CHECKPOINT_TOLERABLE_FAILURES);
        reader.bool(STATE_INCREMENTAL);
        double jitter = reader.decimal(INFLUX_RETRY_JITTER);
        if (jitter < 0 || jitter > 1) {
            problems.add(INFLUX_RETRY_JITTER.name() + ": " + jitter + " is outside 0..1; 0.5 is a good value");
        }
        Duration initial = reader.duration(INFLUX_RETRY_INITIAL);
        Duration max = reader.duration(INFLUX_RETRY_MAX);
        if (max.compareTo(initial) < 0) {
            problems.add(INFLUX_RETRY_MAX.name() + ": " + max + " is shorter than " + INFLUX_RETRY_INITIAL.name() + " "
                    + initial + "; raise it");
        }
        Duration timeout = reader.duration(CHECKPOINT_TIMEOUT);
        if (!timeout.isZero() && tolerable >= 0 && outageBudget(timeout, tolerable).compareTo(MIN_OUTAGE_BUDGET) < 0) {
            problems.add(CHECKPOINT_TIMEOUT.name() + "/" + CHECKPOINT_TOLERABLE_FAILURES.name() + ": together they ride out"
                    + " only " + outageBudget(timeout, tolerable).toSeconds() + " s of sink outage, less than "
                    + MIN_OUTAGE_BUDGET.toSeconds() + " s; a short InfluxDB restart would restart the job. Raise either.");
        }
        ScoreOptionKeys.check(values, problems);
        OutputOptionKeys.check(values, problems);
        String password = password(values, environment, problems);
        reader.bool(REQUIRE_SIGNATURES);
        JobSecurity.check(values, problems);
        Map<String, String> kafkaSecrets = JobSecurity.kafkaSecretProperties(values, problems);
        if (!problems.isEmpty()) {
            // A value read twice (e.g. for a cross-check) reports its problem once.
            throw new InvalidJobOptionsException(List.copyOf(new LinkedHashSet<>(problems)));
        }
        return new JobOptions(values, password, kafkaSecrets);
    }

    private static Duration outageBudget(Duration checkpointTimeout, int tolerableFailures) {
        return checkpointTimeout.multipliedBy(tolerableFailures + 1L);
    }

    private static String password(Map<String, String> values, Map<String, String> environment, List<String> problems) {
        String fromEnv = environment.get(PASSWORD_ENV);
        String file = values.get(INFLUX_PASSWORD_FILE.name());
        String user = values.get(INFLUX_USER.name());
        if (fromEnv != null && !fromEnv.isEmpty() && file != null) {
            problems.add(INFLUX_PASSWORD_FILE.name() + ": " + PASSWORD_ENV + " is set too; keep only one source of the password");
            return null;
        }
        String password = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
        if (file != null) {
            try {
                password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                problems.add(INFLUX_PASSWORD_FILE.name() + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                        + "); mount the secret file on every Flink client and check its permissions");
                return null;
            }
        }
        if (user != null && password == null) {
            problems.add(INFLUX_USER.name() + ": is set but no password was given; set " + PASSWORD_ENV + " or "
                    + INFLUX_PASSWORD_FILE.name());
        }
        if (user == null && password != null) {
            problems.add(INFLUX_USER.name() + ": a password is given but no user; set " + INFLUX_USER.name());
        }
        return password;
    }

    /** Typed reads of the merged values, adding a problem line instead of throwing. */
    private static final class ValueReader {
        private final Map<String, String> values;
        private final List<String> problems;

        ValueReader(Map<String, String> values, List<String> problems) {
            this.values = values;
            this.problems = problems;
        }

        String string(Key key) {
            return values.getOrDefault(key.name(), key.defaultValue());
        }

        void required(Key key) {
            if (!values.containsKey(key.name())) {
                problems.add(key.name() + ": missing; " + key.meaning());
            }
        }

        Duration duration(Key key) {
            String text = string(key);
            try {
                Duration value = TimeUtils.parseDuration(text);
                if (value.isNegative()) {
                    problems.add(key.name() + ": '" + text + "' is negative");
                }
                return value;
            } catch (IllegalArgumentException e) {
                problems.add(key.name() + ": '" + text + "' is not a duration; write e.g. 500 ms, 30 s, 2 min, 24 h");
                return Duration.ZERO;
            }
        }

        void positiveDuration(Key key) {
            String text = string(key);
            Duration value = duration(key);
            if (value.isZero() && problems.stream().noneMatch(p -> p.startsWith(key.name() + ":"))) {
                problems.add(key.name() + ": '" + text + "' must be longer than zero");
            }
        }

        void positiveInt(Key key) {
            Integer value = integer(key);
            if (value != null && value < 1) {
                problems.add(key.name() + ": '" + string(key) + "' must be at least 1");
            }
        }

        /** The value, or -1 when it is unreadable or negative (a problem is recorded). */
        int nonNegativeInt(Key key) {
            Integer value = integer(key);
            if (value != null && value < 0) {
                problems.add(key.name() + ": '" + string(key) + "' must be 0 or more");
            }
            return value == null || value < 0 ? -1 : value;
        }

        /** Null when unreadable (a problem is recorded). */
        private Integer integer(Key key) {
            String text = string(key);
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                problems.add(key.name() + ": '" + text + "' is not a whole number");
                return null;
            }
        }

        double decimal(Key key) {
            String text = string(key);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                problems.add(key.name() + ": '" + text + "' is not a number");
                return 0;
            }
        }

        void bool(Key key) {
            String text = string(key);
            if (!text.equals("true") && !text.equals("false")) {
                problems.add(key.name() + ": '" + text + "' must be true or false");
            }
        }
    }

    private String get(Key key) {
        return values.getOrDefault(key.name(), key.defaultValue());
    }

    private Duration duration(Key key) {
        return TimeUtils.parseDuration(get(key));
    }

    private int integer(Key key) {
        return Integer.parseInt(get(key));
    }

    public String jobName() {
        return get(JOB_NAME);
    }

    public String kafkaBootstrapServers() {
        return get(KAFKA_BOOTSTRAP);
    }

    public String kafkaGroupId() {
        return get(KAFKA_GROUP);
    }

    /** {@code committed}, {@code earliest} or {@code latest}. */
    public String kafkaStartingOffsets() {
        return get(KAFKA_STARTING_OFFSETS);
    }

    public String topic(Topic topic) {
        return get(TOPIC_KEYS.get(topic));
    }

    /** The {@code kafka.properties.*} settings without their prefix, plus the secret ones; a copy. */
    public Properties kafkaProperties() {
        Properties copy = new Properties();
        copy.putAll(kafkaProperties);
        copy.putAll(kafkaSecretProperties);
        return copy;
    }

    /** The site keyring to verify record signatures with; empty = signatures are not checked. */
    public java.util.Optional<Path> siteKeysFile() {
        return java.util.Optional.ofNullable(values.get(SITE_KEYS_FILE.name())).map(Path::of);
    }

    public boolean requireSignatures() {
        return Boolean.parseBoolean(get(REQUIRE_SIGNATURES));
    }

    public InfluxDbSinkOptions influx() {
        RetryBackoff backoff = new RetryBackoff(duration(INFLUX_RETRY_INITIAL), duration(INFLUX_RETRY_MAX),
                Double.parseDouble(get(INFLUX_RETRY_JITTER)));
        return InfluxDbSinkOptions.of(get(INFLUX_URL), get(INFLUX_DATABASE), get(INFLUX_USER), influxPassword)
                .withRetentionPolicy(get(INFLUX_RETENTION_POLICY))
                .withBatching(integer(INFLUX_BATCH_SIZE), duration(INFLUX_FLUSH_INTERVAL))
                .withRetries(duration(INFLUX_REQUEST_TIMEOUT), backoff);
    }

    public KpiOptions kpi() {
        return KpiOptions.defaults()
                .withOutOfOrderness(duration(OUT_OF_ORDERNESS))
                .withAllowedLateness(duration(ALLOWED_LATENESS))
                .withUnknownSiteHold(duration(UNKNOWN_SITE_HOLD))
                .withAccountingEmitInterval(duration(ACCOUNTING_INTERVAL));
    }

    /** Investor-group databases and pipeline health; checked by {@link #parse}. */
    public OutputOptions outputs() {
        return OutputOptionKeys.read(values);
    }

    /** The score model of {@code score.*}; checked by {@link #parse}. */
    public ScoreOptions score() {
        return ScoreOptionKeys.read(values);
    }

    public OptionalInt parallelism() {
        return values.containsKey(PARALLELISM.name()) ? OptionalInt.of(integer(PARALLELISM)) : OptionalInt.empty();
    }

    /** How long the InfluxDB sink may block checkpoints before the job restarts. */
    public Duration outageBudget() {
        return outageBudget(duration(CHECKPOINT_TIMEOUT), integer(CHECKPOINT_TOLERABLE_FAILURES));
    }

    /**
     * The job's Flink configuration: RocksDB with (incremental) checkpoints to {@code checkpoint.dir},
     * checkpointing as configured, checkpoints retained on cancellation (a cancelled job can be
     * resumed), and no silent Kryo: a type Flink cannot serialize natively fails the job at build time.
     */
    public Configuration flinkConfiguration() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, jobName());
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(PipelineOptions.MAX_PARALLELISM, integer(MAX_PARALLELISM));
        parallelism().ifPresent(p -> config.set(CoreOptions.DEFAULT_PARALLELISM, p));
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, Boolean.parseBoolean(get(STATE_INCREMENTAL)));
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, get(CHECKPOINT_DIR));
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, duration(CHECKPOINT_INTERVAL));
        config.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, duration(CHECKPOINT_TIMEOUT));
        config.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, duration(CHECKPOINT_MIN_PAUSE));
        config.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, integer(CHECKPOINT_TOLERABLE_FAILURES));
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return config;
    }

    /** The configuration as logged at start: every key with its effective value, secrets hidden. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Key key : KEYS.values()) {
            String value = key == KAFKA_PROPERTIES ? kafkaProperties.stringPropertyNames().toString() : get(key);
            if (key != CONFIG) {
                text.append("\n  ").append(key.name()).append(" = ").append(value == null ? "" : value);
            }
        }
        text.append("\n  influx password = ").append(influxPassword == null ? "none" : "*** (set)");
        return text.toString();
    }

    /** The key table of {@code docs/jobs.md}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Key key : KEYS.values()) {
            table.append("| `").append(key.name()).append("` | ")
                    .append(key.defaultValue() == null ? "" : "`" + key.defaultValue() + "`").append(" | ")
                    .append(key.meaning()).append(" |\n");
        }
        return table.toString();
    }
}
