package io.dealerpulse.testkit.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The one-node KRaft cluster behind {@link ScramKafkaBroker} and {@link SecureKafkaBroker}: the test
 * kit's internal {@code PLAINTEXT} listener plus one SCRAM-SHA-512 client listener, set up by the
 * caller's extra broker settings (TLS, authorizer). SCRAM users are created through Admin on the
 * internal listener.
 */
final class SaslListenerCluster implements AutoCloseable {
  static final String MECHANISM = "SCRAM-SHA-512";

  private final KafkaClusterTestKit cluster;
  private final int clientPort;
  private final String internalBootstrap;

  private SaslListenerCluster(KafkaClusterTestKit cluster, int clientPort, String internalBootstrap) {
    this.cluster = cluster;
    this.clientPort = clientPort;
    this.internalBootstrap = internalBootstrap;
  }

  /**
   * Formats and starts the node in {@code baseDir} with the client listener {@code listener} of
   * {@code protocol} ({@code SASL_PLAINTEXT} or {@code SASL_SSL}); {@code listenerConfig} keys are
   * relative to {@code listener.name.<listener>.}, {@code brokerConfig} keys are the broker's own.
   */
  static SaslListenerCluster start(Path baseDir, String listener, String protocol,
      Map<String, String> listenerConfig, Map<String, String> brokerConfig, String description) {
    KafkaClusterTestKit started = null;
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .setBaseDirectory(baseDir)
          .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      EmbeddedKafkaBroker.SINGLE_BROKER_CONFIG.forEach(builder::setConfigProp);
      String internal = nodes.brokerListenerName().value();
      String controller = nodes.controllerListenerName().value();
      String prefix = "listener.name." + listener.toLowerCase() + ".";
      builder.setConfigProp("listeners", internal + "://localhost:0," + controller + "://localhost:0,"
          + listener + "://localhost:0");
      builder.setConfigProp("listener.security.protocol.map", internal + ":PLAINTEXT," + controller
          + ":PLAINTEXT," + listener + ":" + protocol);
      builder.setConfigProp("sasl.enabled.mechanisms", MECHANISM);
      builder.setConfigProp(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      listenerConfig.forEach((key, value) -> builder.setConfigProp(prefix + key, value));
      brokerConfig.forEach(builder::setConfigProp);
      started = builder.build();
      started.format();
      started.startup();
      started.waitForReadyBrokers();
      var broker = started.brokers().values().iterator().next();
      return new SaslListenerCluster(started, broker.boundPort(new ListenerName(listener)),
          "localhost:" + broker.boundPort(nodes.brokerListenerName()));
    } catch (Exception e) {
      if (started != null) {
        try {
          started.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw failure("cannot start the Kafka broker with " + description + " in " + baseDir, e);
    }
  }

  int clientPort() {
    return clientPort;
  }

  String internalBootstrap() {
    return internalBootstrap;
  }

  /** Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user}. */
  void addUser(String user, String password) {
    try (Admin admin = Admin.create(internalAdminProperties())) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw failure("cannot create SCRAM credentials for " + user, e);
    }
  }

  Properties internalAdminProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap);
    return props;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }

  static IllegalStateException failure(String message, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException(message, e);
  }
}
