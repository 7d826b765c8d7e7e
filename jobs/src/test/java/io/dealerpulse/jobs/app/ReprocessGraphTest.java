package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.reprocess.ReprocessRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.CustomPartitionerWrapper;
import org.apache.flink.streaming.runtime.partitioner.ForwardForUnspecifiedPartitioner;
import org.apache.flink.streaming.runtime.partitioner.RebalancePartitioner;
import org.apache.flink.streaming.runtime.partitioner.RescalePartitioner;
import org.apache.flink.streaming.runtime.partitioner.StreamPartitioner;
import org.junit.jupiter.api.Test;

/**
 * The BATCH reprocessing graph keeps every producer's output in order up to the InfluxDB writers
 * (see {@link ReprocessJob#batchConfiguration} and {@code RangeRestrictedSink}): no edge whose data
 * Flink may spread over several consumer subtasks (rebalance, rescale, or the forward-for-unspecified
 * edges of the adaptive batch scheduler, which it may balance), and the writers read a custom
 * partitioning by series straight from the operators that emit the points.
 */
class ReprocessGraphTest {
    private static final String[] ARGS = {
        "--kafka.bootstrap.servers", "kafka:9092",
        "--influx.url", "http://influxdb:8086",
        "--checkpoint.dir", "file:///tmp/dealerpulse-checkpoints",
        "--parallelism", "2"};

    @Test
    void noEdgeOfTheReprocessingMaySplitOneProducersOutput() {
        StreamGraph graph = reprocessingGraph();
        List<String> splitting = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getOutEdges()) {
                StreamPartitioner<?> partitioner = edge.getPartitioner();
                if (partitioner instanceof ForwardForUnspecifiedPartitioner || partitioner instanceof RebalancePartitioner
                        || partitioner instanceof RescalePartitioner) {
                    splitting.add(node.getOperatorName() + " -> " + graph.getStreamNode(edge.getTargetId()).getOperatorName()
                            + " (" + partitioner.getClass().getSimpleName() + ")");
                }
            }
        }
        assertThat(splitting).as("edges that may spread one producer's records over several subtasks").isEmpty();
    }

    @Test
    void theInfluxWritersReadTheSeriesPartitioningDirectly() {
        StreamGraph graph = reprocessingGraph();
        StreamNode writer = graph.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().startsWith("InfluxDB points") && n.getOperatorName().contains("Writer"))
                .findFirst().orElseThrow(() -> new AssertionError("no InfluxDB writer in " + graph.getStreamNodes()));
        assertThat(writer.getInEdges()).isNotEmpty();
        for (StreamEdge in : writer.getInEdges()) {
            assertThat(in.getPartitioner()).as("edge into the writer from %s",
                    graph.getStreamNode(in.getSourceId()).getOperatorName()).isInstanceOf(CustomPartitionerWrapper.class);
        }
    }

    private static StreamGraph reprocessingGraph() {
        JobOptions options = JobOptions.parse(ARGS, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ReprocessJob.batchConfiguration(options));
        ReprocessJob.wire(env, options, ReprocessRange.of(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z")));
        return env.getStreamGraph();
    }
}
