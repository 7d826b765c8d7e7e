package io.dealerpulse.importer.cli;

import io.dealerpulse.importer.ImportPlan;
import io.dealerpulse.importer.ImportRequest;
import io.dealerpulse.importer.Importer;
import io.dealerpulse.importer.StreamKind;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.KafkaUnavailableException;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.importer.read.FileFormat;
import io.dealerpulse.importer.read.FileFormatException;
import io.dealerpulse.schemas.topics.Topic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The command line: parse, validate the file, report every rejected row, publish, summarise, and
 * return the exit code (the caller exits; tests call {@link #run} directly).
 */
public final class ImporterCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_REJECTED_STRICT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_KAFKA = 3;
    public static final String NETWORK_KEY_ENV = "DEALERPULSE_NETWORK_KEY";
    /** How long to wait for the cluster to answer before declaring it unreachable (see {@link #checkTimeout}). */
    static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Clock clock;

    public ImporterCli(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
    }

    public int run(String... args) {
        try {
            CommandLine command = CommandLineParser.parse(List.of(args));
            if (command.help()) {
                out.print(CommandLine.USAGE);
                return EXIT_OK;
            }
            return run(command);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the options");
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted; records already acknowledged stay published, import the file again"
                    + " to complete it (ids are stable, nothing is duplicated)");
            return EXIT_KAFKA;
        }
    }

    private int run(CommandLine command) throws UsageException, InterruptedException {
        ImportRequest request = request(command);
        ImportPlan plan;
        try {
            plan = Importer.plan(request, err);
        } catch (IOException e) {
            throw new UsageException("cannot read " + e.getMessage());
        } catch (FileFormatException e) {
            throw new UsageException("cannot import " + request.fileName() + ": " + e.getMessage()
                    + "; nothing was published");
        }
        Report report = new Report(out);
        report.rejections(request, plan);
        if (command.dryRun()) {
            report.summary(request, plan, null);
            return exitCode(command, plan);
        }
        Publisher.Acknowledgements acknowledgements;
        try (Publisher publisher = KafkaPublisher.connect(command.bootstrap(), command.kafkaProperties(),
                List.of(request.stream().topic(), Topic.DEAD_LETTER), command.createTopics(), checkTimeout(command))) {
            acknowledgements = Importer.publish(request, plan, publisher);
        } catch (KafkaUnavailableException e) {
            err.println("error: " + e.getMessage());
            return EXIT_KAFKA;
        }
        report.summary(request, plan, acknowledgements);
        if (acknowledgements.failed() > 0) {
            err.printf("error: Kafka did not acknowledge %d records (first error: %s); import the same file again"
                    + " once Kafka is healthy: ids are stable, so nothing is duplicated%n",
                    acknowledgements.failed(), acknowledgements.firstError());
            return EXIT_KAFKA;
        }
        return exitCode(command, plan);
    }

    /** 15 s, or the client's own default.api.timeout.ms when given with --kafka. */
    private static Duration checkTimeout(CommandLine command) throws UsageException {
        String millis = command.kafkaProperties().get("default.api.timeout.ms");
        try {
            return millis == null ? KAFKA_CHECK_TIMEOUT : Duration.ofMillis(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            throw new UsageException("--kafka.default.api.timeout.ms must be a number of milliseconds");
        }
    }

    private static int exitCode(CommandLine command, ImportPlan plan) {
        return command.strict() && !plan.rejected().isEmpty() ? EXIT_REJECTED_STRICT : EXIT_OK;
    }

    private ImportRequest request(CommandLine command) throws UsageException {
        Path file = command.file();
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + file + ": no such file, or not readable");
        }
        if (command.registryFile() != null && !Files.isReadable(command.registryFile())) {
            throw new UsageException("cannot read the registry file " + command.registryFile());
        }
        FileFormat format = command.format() != null
                ? FileFormat.named(command.format()).orElseThrow(() -> new UsageException("unknown format '"
                        + command.format() + "': use csv, jsonl or yaml"))
                : FileFormat.ofFile(file).orElseThrow(() -> new UsageException("cannot tell the format of " + file
                        + " from its name: pass --format csv, jsonl or yaml"));
        byte[] networkKey = command.stream() == StreamKind.APPOINTMENTS ? networkKey(command) : null;
        String source = command.source() != null ? command.source() : command.stream().defaultSource();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new ImportRequest(command.stream(), file, format, source, command.registryFile(), networkKey, now);
    }

    /** The network key, from --network-key-file or the environment, read as the edge agents read it (trimmed UTF-8). */
    private byte[] networkKey(CommandLine command) throws UsageException {
        String key;
        if (command.networkKeyFile() != null) {
            try {
                key = Files.readString(command.networkKeyFile(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException("cannot read the network key file " + command.networkKeyFile() + ": "
                        + e.getMessage());
            }
        } else {
            key = environment.getOrDefault(NETWORK_KEY_ENV, "").strip();
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new UsageException(bytes.length == 0
                    ? "appointment references are pseudonymised before they leave this tool: give the network key"
                            + " with --network-key-file or the environment variable " + NETWORK_KEY_ENV
                    : "the network key is shorter than 16 bytes: use the network's real key (the one the edge agents use)");
        }
        return bytes;
    }
}
