package io.dealerpulse.importer.cli;

import io.dealerpulse.importer.StreamKind;
import java.nio.file.Path;
import java.util.Map;

/** The parsed command line. Optional values are null when not given. */
public record CommandLine(StreamKind stream, Path file, String format, String bootstrap, Path networkKeyFile,
        String source, Path registryFile, boolean dryRun, boolean strict, boolean createTopics,
        Map<String, String> kafkaProperties, boolean help) {

    public static final String USAGE = """
            usage: java -jar dealerpulse-importer.jar <registry|appointments|surveys> --file F [options]

              --file F                 the file to import (required)
              --format csv|jsonl|yaml  the file's format (default: from its extension)
              --bootstrap host:port    Kafka bootstrap servers (required unless --dry-run)
              --network-key-file K     file holding the network key that pseudonymises appointment
                                       references (appointments; else env DEALERPULSE_NETWORK_KEY)
              --source NAME            the exporting system, part of every event id (default:
                                       registry-file, booking-system, survey-tool)
              --registry R             a registry file (csv or yaml): rejects rows of unknown sites and
                                       gives each site's time zone to local times (appointments, surveys)
              --dry-run                validate and report only; publish nothing
              --strict                 exit with 1 when any row was rejected
              --create-topics          create missing DealerPulse topics instead of failing
              --kafka.<property> V     any Kafka client property (e.g. --kafka.security.protocol SSL)
              --help                   this text

            exit codes: 0 done (rejected rows are reported and dead-lettered), 1 rows rejected with --strict,
                        2 bad command line or unreadable file (nothing published),
                        3 Kafka unreachable or a record not acknowledged
            """;
}
