package io.dealerpulse.bench.influx;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.jobs.sink.InfluxPoint;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;

/**
 * {@link InfluxDbSink} against a bare influxdb-java loop writing the same points in batches of the
 * same size (1,000) to a real influxd. The sink runs in a local Flink BATCH job at parallelism 1
 * ({@code fromSequence -> map to point -> sink}); the same job with a discarding sink is run too,
 * so the Flink share of the sink job's time is visible. Rates are points / job net runtime, and
 * points / loop time for the bare loop (point building included in both). Each database is
 * counted afterwards: a figure only counts if every point arrived.
 *
 * <p>Options: {@code --points 200000 --rounds 2}.
 */
public final class InfluxSinkBenchmark {
    private static final int BATCH = InfluxDbSinkOptions.DEFAULT_BATCH_SIZE;

    public static void main(String[] args) throws Exception {
        long points = 200_000;
        int rounds = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--points" -> points = Long.parseLong(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --points --rounds");
            }
        }
        System.out.println(Machine.describe());
        List<String> results = new ArrayList<>();
        try (InfluxEndpoint influx = TestServers.current().startInflux()) {
            for (int round = 1; round <= rounds; round++) {
                double discard = points / flinkJob(points, new DiscardingSink<>());
                String sinkDb = "bench_sink_" + round;
                influx.createDatabase(sinkDb);
                double sink = points / flinkJob(points,
                        new InfluxDbSink(InfluxDbSinkOptions.of(influx.url(), sinkDb, null, null)));
                check(influx, sinkDb, points);
                String bareDb = "bench_bare_" + round;
                influx.createDatabase(bareDb);
                double bare = points / bareLoop(influx.url(), bareDb, points);
                check(influx, bareDb, points);
                results.add(String.format(Locale.ROOT, "round %d: %d points; sink job %.0f points/s, bare influxdb-java"
                        + " loop %.0f points/s, ratio %.2f; same job with a discarding sink %.0f points/s",
                        round, points, sink, bare, sink / bare, discard));
                System.out.println(results.get(results.size() - 1));
            }
        }
        System.out.println("=== results ===");
        results.forEach(System.out::println);
    }

    /** Net runtime in seconds of fromSequence -> points -> {@code sink}, BATCH mode, parallelism 1. */
    private static double flinkJob(long points, Sink<InfluxPoint> sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.fromSequence(0, points - 1).map(new WindowPoints()).sinkTo(sink);
        JobExecutionResult result = env.execute("bench-influx-sink");
        return result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** Seconds to build and write the points with plain influxdb-java, {@value #BATCH} per request. */
    private static double bareLoop(String url, String db, long points) {
        long start = System.nanoTime();
        try (InfluxDB client = InfluxDBFactory.connect(url)) {
            BatchPoints.Builder batch = BatchPoints.database(db);
            int inBatch = 0;
            for (long i = 0; i < points; i++) {
                batch.point(WindowPoints.barePoint(i));
                if (++inBatch == BATCH || i == points - 1) {
                    client.write(batch.build());
                    batch = BatchPoints.database(db);
                    inBatch = 0;
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(InfluxEndpoint influx, String db, long expected) {
        JsonNode answer = influx.query(db, "SELECT count(visitors) FROM " + WindowPoints.MEASUREMENT);
        long count = answer.at("/results/0/series/0/values/0/1").asLong(-1);
        if (count != expected) {
            throw new IllegalStateException(db + " holds " + count + " points, expected " + expected
                    + ": the writer lost points, so its rate is no figure");
        }
    }
}
