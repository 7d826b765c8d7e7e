package io.dealerpulse.simulator.publish;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.importer.ImportPlan;
import io.dealerpulse.importer.ImportPlanner;
import io.dealerpulse.importer.ImportRequest;
import io.dealerpulse.importer.Importer;
import io.dealerpulse.importer.StreamKind;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.importer.read.FileFormat;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.importer.rows.AppointmentRowMapper;
import io.dealerpulse.importer.rows.RegistryRowMapper;
import io.dealerpulse.importer.rows.RowMapper;
import io.dealerpulse.importer.rows.SiteDirectory;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import io.dealerpulse.schemas.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Imports the simulated business rows through the importer's library: its row mappers validate and
 * map them (the network key pseudonymises appointment references), {@link Importer#publish} sends
 * accepted rows and dead letters. A rejected row would be a simulator bug, so it is reported.
 */
public final class BusinessImports {
    public static final String REGISTRY_SOURCE = "simulated-registry";
    public static final String BOOKING_SOURCE = "simulated-booking-system";
    public static final String SURVEY_SOURCE = "simulated-survey-tool";

    private final Publisher publisher;
    private final byte[] networkKey;
    private SiteDirectory sites;

    public BusinessImports(Publisher publisher, String networkKey) {
        this.publisher = publisher;
        this.networkKey = networkKey.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Imports the registry; later appointment and survey imports are checked against its sites. */
    public ImportPlan registry(List<SourceRow> rows, Instant now) throws InterruptedException {
        ImportPlan plan = run(StreamKind.REGISTRY, REGISTRY_SOURCE, new RegistryRowMapper(REGISTRY_SOURCE, now), rows, now);
        sites = SiteDirectory.of(plan.accepted().stream().map(a -> (SiteRegistryVersion) a.row().record()).toList());
        return plan;
    }

    public ImportPlan appointments(List<SourceRow> rows, Instant now) throws InterruptedException {
        return run(StreamKind.APPOINTMENTS, BOOKING_SOURCE,
                new AppointmentRowMapper(BOOKING_SOURCE, new Pseudonyms(networkKey), requireSites(), now), rows, now);
    }

    public ImportPlan surveys(List<SourceRow> rows, Instant now) throws InterruptedException {
        return run(StreamKind.SURVEYS, SURVEY_SOURCE, new SurveyRowMapper(SURVEY_SOURCE, requireSites(), now), rows, now);
    }

    private SiteDirectory requireSites() {
        if (sites == null) {
            throw new IllegalStateException("import the registry before appointments and surveys");
        }
        return sites;
    }

    private ImportPlan run(StreamKind stream, String source, RowMapper mapper, List<SourceRow> rows, Instant now)
            throws InterruptedException {
        if (rows.isEmpty()) {
            return new ImportPlan(List.of());
        }
        ImportPlan plan = new ImportPlanner(mapper).plan(rows);
        if (!plan.rejected().isEmpty()) {
            ImportPlan.Rejected first = plan.rejected().get(0);
            throw new IllegalStateException("the importer rejected " + plan.rejected().size() + " simulated "
                    + stream.command() + " row(s), first at line " + first.line() + ": " + first.reason() + " "
                    + first.detail() + " - a simulator bug: the generated rows must follow docs/importers.md");
        }
        ImportRequest request = new ImportRequest(stream, Path.of("simulated-" + stream.command() + ".csv"),
                FileFormat.CSV, source, null, stream == StreamKind.APPOINTMENTS ? networkKey : null, now);
        Publisher.Acknowledgements acks = Importer.publish(request, plan, publisher);
        if (acks.failed() > 0) {
            throw new IllegalStateException("Kafka did not acknowledge " + acks.failed() + " " + stream.command()
                    + " record(s): " + acks.firstError());
        }
        return plan;
    }
}
