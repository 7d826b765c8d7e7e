package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker in this JVM (Kafka's own {@link KafkaClusterTestKit}: one node that is both broker
 * and controller), with its data in a work directory of the kit.
 *
 * <p><b>Restart on the same port.</b> The test kit cannot restart a node in place, so {@link #stop()}
 * closes the whole cluster but keeps its directories, and {@link #start()} builds a new cluster on them:
 * same cluster id, same node id, and a client listener pinned to the port the first start picked. The
 * directories are already formatted, so the restart skips formatting and the broker recovers its
 * topics, records and committed offsets from disk. The test kit's own broker and controller listeners
 * move to new ports, which clients never see: a client that bootstraps from the client listener gets
 * metadata for that listener only. Pinning the port fails, with a bind error, if another process took
 * it during the outage.
 */
public final class EmbeddedKafkaBroker implements KafkaEndpoint {

  /**
   * One broker: internal topics with one replica (and one partition, which starts faster), no delay
   * before the first rebalance, and topics created explicitly, as in production.
   */
  static final Map<String, String> SINGLE_BROKER_CONFIG = Map.of(
      "offsets.topic.replication.factor", "1",
      "offsets.topic.num.partitions", "1",
      "transaction.state.log.replication.factor", "1",
      "transaction.state.log.min.isr", "1",
      "share.coordinator.state.topic.replication.factor", "1",
      "share.coordinator.state.topic.min.isr", "1",
      "group.initial.rebalance.delay.ms", "0",
      "auto.create.topics.enable", "false");

  /**
   * The listener clients use. Not the test kit's broker listener: the kit binds that one itself to a
   * new port on every start, whatever the config says, while this one binds the configured port.
   */
  private static final String CLIENT_LISTENER = "CLIENT";

  private final Path baseDir;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaClusterTestKit cluster;
  /** 0 until the first start has picked a free port; then pinned for restarts. */
  private int clientPort;

  private EmbeddedKafkaBroker(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Formats and starts a new broker; returns once it is ready for clients. */
  public static EmbeddedKafkaBroker launch() {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(TestkitDirs.newWorkDir("kafka"));
    broker.startCluster(true);
    return broker;
  }

  @Override
  public synchronized String bootstrapServers() {
    return "localhost:" + clientPort;
  }

  @Override
  public synchronized void start() {
    if (!isRunning()) {
      startCluster(false);
    }
  }

  @Override
  public synchronized void stop() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the Kafka broker at " + bootstrapServers(), e);
      } finally {
        cluster = null;
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return cluster != null;
  }

  @Override
  public synchronized void close() {
    stop();
    TestkitDirs.deleteRecursively(baseDir);
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers() + " (data " + baseDir + ")";
  }

  private void startCluster(boolean firstStart) {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setClusterId(clusterId)
        .setBaseDirectory(baseDir)
        .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
    SINGLE_BROKER_CONFIG.forEach(builder::setConfigProp);
    String brokerListener = nodes.brokerListenerName().value();
    String controllerListener = nodes.controllerListenerName().value();
    // The test kit's own listeners keep port 0 (it binds them itself, to new ports on every build).
    builder.setConfigProp("listeners", brokerListener + "://localhost:0," + controllerListener
        + "://localhost:0," + CLIENT_LISTENER + "://localhost:" + clientPort);
    builder.setConfigProp("listener.security.protocol.map", brokerListener + ":PLAINTEXT,"
        + controllerListener + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");
    KafkaClusterTestKit started = null;
    try {
      started = builder.build();
      if (firstStart) {
        started.format();
      }
      started.startup();
      started.waitForReadyBrokers();
    } catch (Exception e) {
      closeQuietly(started);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start the Kafka broker in " + baseDir
          + (firstStart ? "" : " on port " + clientPort), e);
    }
    cluster = started;
    clientPort = started.brokers().values().iterator().next().boundPort(new ListenerName(CLIENT_LISTENER));
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception suppressed) {
        // the start failure is the error worth reporting
      }
    }
  }
}
