package io.dealerpulse.importer.cli;

import io.dealerpulse.importer.ImportPlan;
import io.dealerpulse.importer.ImportRequest;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.schemas.topics.Topic;
import java.io.PrintStream;

/** What the tool prints: one line per rejected row (file:line: REASON: detail), then the summary. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void rejections(ImportRequest request, ImportPlan plan) {
        for (ImportPlan.Rejected rejected : plan.rejected()) {
            out.printf("%s:%d: %s: %s%n", request.fileName(), rejected.line(), rejected.reason(), rejected.detail());
        }
    }

    /** @param acknowledgements null for a dry run */
    void summary(ImportRequest request, ImportPlan plan, Publisher.Acknowledgements acknowledgements) {
        out.printf("summary of %s (%s, source %s)%n", request.fileName(), request.stream().command(), request.source());
        out.printf("  read        %6d rows%n", plan.rowsRead());
        out.printf("  accepted    %6d%n", plan.accepted().size());
        out.printf("  rejected    %6d%n", plan.rejected().size());
        plan.rejectedByReason().forEach((reason, count) -> out.printf("    %-18s %4d%n", reason, count));
        if (acknowledgements == null) {
            out.println("  published        0 (dry run: nothing was sent)");
        } else if (acknowledgements.failed() == 0) {
            out.printf("  published   %6d to %s%n", plan.accepted().size(), request.stream().topic().topicName());
            out.printf("  dead letters%6d to %s%n", plan.rejected().size(), Topic.DEAD_LETTER.topicName());
        } else {
            out.printf("  acknowledged %5d of %d records and dead letters; %d NOT acknowledged%n",
                    acknowledgements.acknowledged(), plan.rowsRead(), acknowledgements.failed());
        }
    }
}
