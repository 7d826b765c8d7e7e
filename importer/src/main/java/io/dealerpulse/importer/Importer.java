package io.dealerpulse.importer;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.importer.read.FileFormat;
import io.dealerpulse.importer.read.FileFormatException;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.importer.rows.AppointmentRowMapper;
import io.dealerpulse.importer.rows.RegistryRowMapper;
import io.dealerpulse.importer.rows.RowMapper;
import io.dealerpulse.importer.rows.SiteDirectory;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.topics.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The import itself, without the command line: read the file, decide every row ({@link ImportPlan}),
 * then publish accepted rows to the stream's topic and rejected rows as dead letters, in file order.
 * Usable from other modules (the simulator and demo import through it).
 */
public final class Importer {
    private Importer() {}

    /** Reads and validates the file; prints a warning about rows rejected in the --registry file. */
    public static ImportPlan plan(ImportRequest request, PrintStream warnings) throws IOException, FileFormatException {
        List<SourceRow> rows = read(request.file(), request.format());
        return new ImportPlanner(mapper(request, warnings)).plan(rows);
    }

    /** Sends every row's record or dead letter and waits for all acknowledgements. */
    public static Publisher.Acknowledgements publish(ImportRequest request, ImportPlan plan, Publisher publisher)
            throws InterruptedException {
        DeadLetterFactory deadLetters = new DeadLetterFactory(request.fileName(), request.stream(), request.source(),
                request.now());
        for (ImportPlan.Outcome outcome : plan.outcomes()) {
            if (outcome instanceof ImportPlan.Accepted accepted) {
                publisher.send(request.stream().topic(), accepted.row().key(), accepted.row().record());
            } else if (outcome instanceof ImportPlan.Rejected rejected) {
                publisher.send(Topic.DEAD_LETTER, rejected.siteId(), deadLetters.of(rejected));
            }
        }
        return publisher.awaitAll();
    }

    public static List<SourceRow> read(Path file, FileFormat format) throws IOException, FileFormatException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return format.reader().read(in);
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file + " is not UTF-8 text: export it again as UTF-8");
        }
    }

    private static RowMapper mapper(ImportRequest request, PrintStream warnings) throws IOException, FileFormatException {
        return switch (request.stream()) {
            case REGISTRY -> new RegistryRowMapper(request.source(), request.now());
            case APPOINTMENTS -> new AppointmentRowMapper(request.source(), new Pseudonyms(request.networkKey()),
                    sites(request, warnings), request.now());
            case SURVEYS -> new SurveyRowMapper(request.source(), sites(request, warnings), request.now());
        };
    }

    private static SiteDirectory sites(ImportRequest request, PrintStream warnings)
            throws IOException, FileFormatException {
        Path registry = request.registryFile();
        if (registry == null) {
            return null;
        }
        FileFormat format = FileFormat.ofFile(registry).orElse(FileFormat.CSV);
        ImportPlan plan = new ImportPlanner(new RegistryRowMapper(StreamKind.REGISTRY.defaultSource(), request.now()))
                .plan(read(registry, format));
        if (!plan.rejected().isEmpty()) {
            warnings.printf("warning: %d of %d rows of the registry file %s are invalid (import it to see why);"
                    + " rows of their sites will be rejected as UNKNOWN_SITE%n",
                    plan.rejected().size(), plan.rowsRead(), registry.getFileName());
        }
        return SiteDirectory.of(plan.accepted().stream()
                .map(a -> (SiteRegistryVersion) a.row().record()).toList());
    }
}
