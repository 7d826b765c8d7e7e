package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.health.PipelineHealth;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.schemas.topics.Topic;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job's wiring, checked on its stream graph without running it. */
class KpiJobTest {
    private static final String[] ARGS = {
        "--kafka.bootstrap.servers", "kafka:9092",
        "--influx.url", "http://influxdb:8086",
        "--checkpoint.dir", "file:///tmp/dealerpulse-checkpoints",
        "--kafka.topic.kiosk", "kiosk.renamed"};

    @Test
    void wiresOneKafkaSourcePerInputAndTheThreeSinksWithStableUids() {
        StreamGraph graph = graph();

        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains(KpiJob.sourceUid(Topic.FOOTFALL), KpiJob.sourceUid(Topic.KIOSK),
                KpiJob.sourceUid(Topic.APPOINTMENTS), KpiJob.sourceUid(Topic.SURVEYS),
                KpiJob.sourceUid(Topic.SITE_REGISTRY), KpiJob.sourceUid(Topic.AGENT_STATUS),
                KpiPipeline.INFLUX_SINK_UID, KpiPipeline.DEAD_LETTER_SINK_UID, KpiPipeline.LATE_EVENT_SINK_UID,
                KpiPipeline.SITE_KPI_UID, KpiPipeline.GROUP_DATABASES_UID, PipelineHealth.AGENT_STATUS_UID,
                PipelineHealth.DEAD_LETTER_COUNTS_UID, PipelineHealth.INPUT_RATE_UID,
                PipelineHealth.SITE_EVENTS_HOURLY_UID, PipelineHealth.DOOR_SILENCE_UID);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName)
                .contains("Source: Kafka " + Topic.FOOTFALL.topicName(), "Source: Kafka kiosk.renamed");
    }

    @Test
    void theWholeTopologyNeedsNoKryo() {
        // The graph's serializers are created with pipeline.generic-types=false: a type that would fall
        // back to Kryo throws here, at build time, not in production.
        StreamGraph graph = graph();

        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(graph.getJobName()).isEqualTo("DealerPulse KPIs");
    }

    private static StreamGraph graph() {
        JobOptions options = JobOptions.parse(ARGS, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
        KpiJob.wire(env, options);
        return env.getStreamGraph();
    }
}
