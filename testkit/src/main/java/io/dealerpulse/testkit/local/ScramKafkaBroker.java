package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

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
public final class ScramKafkaBroker extends SaslKafkaBroker {
  public static final String MECHANISM = SaslListenerCluster.MECHANISM;
  private static final String SCRAM_LISTENER = "SCRAM";

  private ScramKafkaBroker(Path baseDir) {
    super(baseDir, SaslListenerCluster.start(baseDir, SCRAM_LISTENER, "SASL_PLAINTEXT", Map.of(), Map.of(),
        "a SCRAM listener"));
  }

  /** Formats and starts the broker; returns once both listeners take clients. */
  public static ScramKafkaBroker launch() {
    return new ScramKafkaBroker(TestkitDirs.newWorkDir("kafka-scram"));
  }

  /** The SASL_PLAINTEXT/SCRAM-SHA-512 listener the clients under test use. */
  public String scramBootstrapServers() {
    return clientBootstrapServers();
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
  public String toString() {
    return "Kafka broker with SCRAM at " + scramBootstrapServers() + ", internal " + bootstrapServers();
  }
}
