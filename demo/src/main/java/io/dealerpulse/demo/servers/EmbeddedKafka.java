package io.dealerpulse.demo.servers;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft Kafka in this JVM (Kafka's own {@link KafkaClusterTestKit}, as the test kit's broker),
 * with a client listener on a free loopback port and its data in the demo's work directory.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String CLIENT_LISTENER = "CLIENT";
    private final KafkaClusterTestKit cluster;
    private final int port;

    private EmbeddedKafka(KafkaClusterTestKit cluster, int port) {
        this.cluster = cluster;
        this.port = port;
    }

    public static EmbeddedKafka start(Path workDir) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(workDir).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1", "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false")
                .forEach(builder::setConfigProp);
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        builder.setConfigProp("listeners", broker + "://localhost:0," + controller + "://localhost:0,"
                + CLIENT_LISTENER + "://localhost:0");
        builder.setConfigProp("listener.security.protocol.map", broker + ":PLAINTEXT," + controller + ":PLAINTEXT,"
                + CLIENT_LISTENER + ":PLAINTEXT");
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        int port = cluster.brokers().values().iterator().next().boundPort(new ListenerName(CLIENT_LISTENER));
        return new EmbeddedKafka(cluster, port);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
