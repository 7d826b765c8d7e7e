package io.dealerpulse.importer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.importer.DeadLetterFactory;
import io.dealerpulse.importer.ImportPlan;
import io.dealerpulse.importer.ImportPlanner;
import io.dealerpulse.importer.Importer;
import io.dealerpulse.importer.StreamKind;
import io.dealerpulse.importer.read.FileFormat;
import io.dealerpulse.importer.read.FileFormatException;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.importer.rows.AppointmentRowMapper;
import io.dealerpulse.importer.rows.RegistryRowMapper;
import io.dealerpulse.importer.rows.RowMapper;
import io.dealerpulse.importer.rows.SiteDirectory;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fuzzed input file through an import run without Kafka. Declared outcomes: the file is
 * refused as a whole ({@link FileFormatException}, or not UTF-8, which the importer reports as such),
 * or every row is accepted or rejected with a reason, and each accepted record and dead letter encodes
 * with the released schemas. Any other throwable (including an {@link IOException} from in-memory
 * text, which would surface as a read failure) is a finding.
 */
final class ImportUnderFuzz {
    private static final Instant NOW = Instant.parse("2025-03-11T06:00:00Z");
    private static final AvroCodec CODEC = AvroCodec.released();
    /** The example registry's sites, so appointment and survey rows can name known sites. */
    private static final SiteDirectory SITES = exampleSites();
    private static final Map<StreamKind, RowMapper> MAPPERS = Map.of(
            StreamKind.REGISTRY, new RegistryRowMapper(StreamKind.REGISTRY.defaultSource(), NOW),
            StreamKind.APPOINTMENTS, new AppointmentRowMapper(StreamKind.APPOINTMENTS.defaultSource(),
                    new Pseudonyms("network-key-for-fuzzing".getBytes(java.nio.charset.StandardCharsets.UTF_8)), SITES, NOW),
            StreamKind.SURVEYS, new SurveyRowMapper(StreamKind.SURVEYS.defaultSource(), SITES, NOW));

    private ImportUnderFuzz() {}

    static void check(FileFormat format, byte[] file) {
        List<SourceRow> rows;
        try {
            rows = format.reader().read(strictUtf8(file));
        } catch (FileFormatException | CharacterCodingException refusedAsAWhole) {
            assertThat(refusedAsAWhole.getMessage()).as("why the file is refused").isNotBlank();
            return;
        } catch (IOException e) {
            throw new AssertionError("reading in-memory text must not fail with " + e, e);
        }
        assertThat(rows.size()).as("rows of a %d-byte file", file.length).isLessThanOrEqualTo(file.length);
        for (Map.Entry<StreamKind, RowMapper> stream : MAPPERS.entrySet()) {
            plan(stream.getKey(), stream.getValue(), rows);
        }
    }

    private static void plan(StreamKind stream, RowMapper mapper, List<SourceRow> rows) {
        ImportPlan plan = new ImportPlanner(mapper).plan(rows);
        assertThat(plan.outcomes()).as("one outcome per row").hasSameSizeAs(rows);
        DeadLetterFactory deadLetters = new DeadLetterFactory("fuzzed." + stream, stream, stream.defaultSource(), NOW);
        for (ImportPlan.Outcome outcome : plan.outcomes()) {
            if (outcome instanceof ImportPlan.Accepted accepted) {
                CODEC.encode(accepted.row().record());
                assertThat(accepted.row().eventId()).as("event id").isNotBlank();
            } else if (outcome instanceof ImportPlan.Rejected rejected) {
                assertThat(rejected.reason()).as("reject reason").isNotNull();
                assertThat(rejected.detail()).as("reject detail").isNotBlank();
                DeadLetter deadLetter = deadLetters.of(rejected);
                CODEC.encode(deadLetter);
            }
        }
    }

    /** As {@code Files.newBufferedReader(file, UTF_8)} reads: malformed input is an error, not replaced. */
    private static BufferedReader strictUtf8(byte[] file) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file),
                StandardCharsets.UTF_8.newDecoder()));
    }

    private static SiteDirectory exampleSites() {
        try {
            List<SourceRow> rows = Importer.read(Path.of("examples", "registry.csv"), FileFormat.CSV);
            ImportPlan plan = new ImportPlanner(new RegistryRowMapper("registry-file", NOW)).plan(rows);
            return SiteDirectory.of(plan.accepted().stream()
                    .map(accepted -> (SiteRegistryVersion) accepted.row().record()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read importer/examples/registry.csv", e);
        } catch (FileFormatException e) {
            throw new IllegalStateException("importer/examples/registry.csv is invalid: " + e.getMessage(), e);
        }
    }
}
