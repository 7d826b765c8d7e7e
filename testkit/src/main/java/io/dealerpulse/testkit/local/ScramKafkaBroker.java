package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker in this JVM with two client listeners, like a production cluster's edge and
 * inside: a {@code SASL_PLAINTEXT} listener with SCRAM-SHA-512 for the clients under test, and the
 * test kit's internal {@code PLAINTEXT} listener ({@link #bootstrapServers()}) for the test's own
 * Admin, producers and consumers. Users exist only once {@link #addUser} created their SCRAM
 * credentials through Admin on the internal listener; a wrong password is refused at authentication.
 *
 * <pre>{@code
 * try (ScramKafkaBroker kafka = ScramKafkaBroker.launch()) {
 *   kafka.addUser("agent-FR-PARIS-01", "secret");
 *   Properties client = kafka.scramClientProperties("agent-FR-PARIS-01", "secret");
 * }
 * }</pre>
 *
 * <p>No restarts: it is for security tests, not outage tests (see {@link EmbeddedKafkaBroker}).
 * TLS on top of SASL is Kafka's own code path and is not exercised here; see {@code docs/security.md}.
 */
public final class ScramKafkaBroker implements KafkaEndpoint {
  public static final String MECHANISM = "SCRAM-SHA-512";
  private static final String SCRAM_LISTENER = "SCRAM";

  private final Path baseDir;
  private KafkaClusterTestKit cluster;
  private int scramPort;
  private String internalBootstrap;

  private ScramKafkaBroker(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Formats and starts the broker; returns once both listeners take clients. */
  public static ScramKafkaBroker launch() {
    ScramKafkaBroker broker = new ScramKafkaBroker(TestkitDirs.newWorkDir("kafka-scram"));
    broker.startCluster();
    return broker;
  }

  /** The internal PLAINTEXT listener: for the test's Admin, producers and consumers. */
  @Override
  public synchronized String bootstrapServers() {
    return internalBootstrap;
  }

  /** The SASL_PLAINTEXT/SCRAM-SHA-512 listener the clients under test use. */
  public synchronized String scramBootstrapServers() {
    return "localhost:" + scramPort;
  }

  /** Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user}. */
  public void addUser(String user, String password) {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot create SCRAM credentials for " + user, e);
    }
  }

  /** Client settings that authenticate as {@code user} on the SCRAM listener. */
  public Properties scramClientProperties(String user, String password) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, scramBootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    return props;
  }

  /** The {@code sasl.jaas.config} value of a SCRAM client. */
  public static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  @Override
  public synchronized void start() {
    if (cluster == null) {
      throw new IllegalStateException("a ScramKafkaBroker cannot be restarted; launch a new one");
    }
  }

  @Override
  public synchronized void stop() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the Kafka broker in " + baseDir, e);
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
    return "Kafka broker with SCRAM at " + scramBootstrapServers() + ", internal " + internalBootstrap;
  }

  private void startCluster() {
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
      builder.setConfigProp("listeners", internal + "://localhost:0," + controller + "://localhost:0,"
          + SCRAM_LISTENER + "://localhost:0");
      builder.setConfigProp("listener.security.protocol.map", internal + ":PLAINTEXT," + controller
          + ":PLAINTEXT," + SCRAM_LISTENER + ":SASL_PLAINTEXT");
      builder.setConfigProp("sasl.enabled.mechanisms", MECHANISM);
      builder.setConfigProp("listener.name." + SCRAM_LISTENER.toLowerCase() + "."
          + MECHANISM.toLowerCase() + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      started = builder.build();
      started.format();
      started.startup();
      started.waitForReadyBrokers();
      var broker = started.brokers().values().iterator().next();
      scramPort = broker.boundPort(new ListenerName(SCRAM_LISTENER));
      internalBootstrap = "localhost:" + broker.boundPort(nodes.brokerListenerName());
      cluster = started;
    } catch (Exception e) {
      if (started != null) {
        try {
          started.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start the Kafka broker with a SCRAM listener in " + baseDir, e);
    }
  }
}
