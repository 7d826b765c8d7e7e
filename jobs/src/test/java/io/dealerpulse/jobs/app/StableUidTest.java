package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.reprocess.ReprocessRange;
import io.dealerpulse.jobs.score.ScoreTopology;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Savepoints map operator state by uid (DESIGN.md: "a savepoint taken with version N restores in
 * N+1"). Every node of the deployable job's graph - sources, maps, the keyed functions, sinks -
 * must carry an explicit uid, and every uid must come from a named constant of the jobs' code (a
 * {@code static final String} whose name ends in {@code UID} or {@code UID_PREFIX}), so a forgotten
 * or inline uid fails here rather than in a restore. The reprocessing job must use the same uids
 * for the same operators (one topology, one set of names).
 */
class StableUidTest {
    private static final String[] ARGS = {
        "--kafka.bootstrap.servers", "kafka:9092",
        "--influx.url", "http://influxdb:8086",
        "--checkpoint.dir", "file:///tmp/dealerpulse-checkpoints"};

    @Test
    void everyNodeOfTheLiveJobHasAnExplicitUidFromAConstant() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options().flinkConfiguration());
        KpiJob.wire(env, options());

        assertEveryUidExplicitAndNamed(env.getStreamGraph());
    }

    @Test
    void everyNodeOfTheReprocessingJobHasAnExplicitUidFromAConstant() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ReprocessJob.batchConfiguration(options()));
        ReprocessJob.wire(env, options(), ReprocessRange.of(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z")));

        assertEveryUidExplicitAndNamed(env.getStreamGraph());
    }

    @Test
    void theStatefulOperatorsKeepTheirReleasedUids() {
        // Changing one of these strands its state in every existing savepoint.
        assertThat(List.of(KpiPipeline.SITE_KPI_UID, ScoreTopology.SITE_SCORE_UID, ScoreTopology.DAILY_COMPARISON_UID,
                ScoreTopology.LIVE_COMPARISON_UID, KpiPipeline.INFLUX_SINK_UID, KpiJob.SOURCE_UID_PREFIX))
                .containsExactly("site-kpi", "site-score", "daily-comparison", "live-comparison", "influx-sink",
                        "kafka-source-");
    }

    private static void assertEveryUidExplicitAndNamed(StreamGraph graph) throws Exception {
        Set<String> constants = uidConstants();
        List<String> problems = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            String uid = node.getTransformationUID();
            if (uid == null) {
                problems.add("'" + node.getOperatorName() + "' has no uid: add .uid(CONSTANT) where it is built");
            } else if (constants.stream().noneMatch(derivedByFlink(uid)::startsWith)) {
                problems.add("'" + node.getOperatorName() + "' has uid '" + uid + "', which is not built from a"
                        + " static final String *UID / *UID_PREFIX constant");
            }
        }
        assertThat(problems).as("uid constants found: %s", constants).isEmpty();
        assertThat(graph.getStreamNodes()).as("the graph has its operators").hasSizeGreaterThan(10);
    }

    /** A sink's committer gets the uid "Sink Committer: " + the sink's uid from Flink itself. */
    private static String derivedByFlink(String uid) {
        return uid.replaceFirst("^Sink [A-Za-z -]+: ", "");
    }

    /** Values of every static final String field named *UID or *UID_PREFIX in the jobs' main classes. */
    private static Set<String> uidConstants() throws Exception {
        Path classes = Path.of(KpiPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> values = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, StableUidTest.class.getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class
                        && (field.getName().endsWith("UID") || field.getName().endsWith("UID_PREFIX"))) {
                    field.setAccessible(true);
                    values.add((String) field.get(null));
                }
            }
        }
        return values;
    }

    private static JobOptions options() {
        return JobOptions.parse(ARGS, Map.of());
    }
}
