package io.dealerpulse.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the example files, without Kafka (dry runs) or with none listening. */
class ImporterCliTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final Map<String, String> WITH_KEY = Map.of(ImporterCli.NETWORK_KEY_ENV, "example-network-key-0123456789");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        Clock clock = Clock.fixed(Instant.parse("2025-03-12T08:00:00Z"), ZoneOffset.UTC);
        return new ImporterCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, clock).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyExampleFile_isValid() {
        assertThat(run(Map.of(), "registry", "--file", "examples/registry.csv", "--dry-run", "--strict")).isZero();
        assertThat(run(Map.of(), "registry", "--file", "examples/registry.yaml", "--dry-run", "--strict")).isZero();
        assertThat(run(WITH_KEY, "appointments", "--file", "examples/appointments.csv", "--registry",
                "examples/registry.csv", "--dry-run", "--strict")).isZero();
        assertThat(run(Map.of(), "surveys", "--file", "examples/surveys.jsonl", "--registry", "examples/registry.csv",
                "--dry-run", "--strict")).isZero();
        assertThat(out()).contains("accepted         7", "accepted         3", "accepted         8", "accepted         6")
                .doesNotContain("rejected         1");
        assertThat(err()).isEmpty();
    }

    @Test
    void rejectedRows_areListedWithFileAndLine_andFailOnlyWithStrict(@TempDir Path dir) throws IOException {
        Path surveys = Files.writeString(dir.resolve("surveys.csv"), """
                response_id,site_id,channel,nps,satisfaction,visit_date
                R1,FR-IDF-001,PHONE,9,5,2025-03-10
                R2,FR-IDF-001,PHONE,11,5,2025-03-10
                """);

        assertThat(run(Map.of(), "surveys", "--file", surveys.toString(), "--dry-run")).isEqualTo(ImporterCli.EXIT_OK);
        assertThat(run(Map.of(), "surveys", "--file", surveys.toString(), "--dry-run", "--strict"))
                .isEqualTo(ImporterCli.EXIT_REJECTED_STRICT);
        assertThat(out()).contains("surveys.csv:3: OUT_OF_RANGE: column 'nps' must be from 0 to 10, got 11",
                "  read             2 rows", "  accepted         1", "  rejected         1", "    OUT_OF_RANGE          1",
                "published        0 (dry run: nothing was sent)");
    }

    @Test
    void appointmentsWithoutTheNetworkKey_areRefusedBeforeReadingARow() {
        int exit = run(Map.of(), "appointments", "--file", EXAMPLES.resolve("appointments.csv").toString(), "--dry-run");

        assertThat(exit).isEqualTo(ImporterCli.EXIT_USAGE);
        assertThat(err()).contains("give the network key with --network-key-file or the environment variable"
                + " DEALERPULSE_NETWORK_KEY");
        assertThat(out()).isEmpty();
    }

    @Test
    void aFileWithAnUnknownFormat_orMissing_isAUsageError(@TempDir Path dir) throws IOException {
        Path noExtension = Files.writeString(dir.resolve("export"), "a,b\n");

        assertThat(run(Map.of(), "surveys", "--file", noExtension.toString(), "--dry-run")).isEqualTo(ImporterCli.EXIT_USAGE);
        assertThat(run(Map.of(), "surveys", "--file", dir.resolve("absent.csv").toString(), "--dry-run"))
                .isEqualTo(ImporterCli.EXIT_USAGE);
        assertThat(err()).contains("pass --format csv, jsonl or yaml", "absent.csv: no such file");
    }

    @Test
    void anUnreachableKafka_isExitCode3_withWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = run(Map.of(), "surveys", "--file", "examples/surveys.jsonl", "--bootstrap", "127.0.0.1:" + closedPort,
                "--kafka.default.api.timeout.ms", "2000", "--kafka.request.timeout.ms", "2000");

        assertThat(exit).isEqualTo(ImporterCli.EXIT_KAFKA);
        assertThat(err()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort, "check --bootstrap",
                "nothing was published");
        assertThat(out()).doesNotContain("summary");
    }
}
