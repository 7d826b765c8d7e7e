package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import io.dealerpulse.testkit.tls.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker in this JVM set up as production is: clients connect over {@code SASL_SSL} (TLS with
 * a certificate from {@link TestCertificates}, SCRAM-SHA-512 inside it), and Kafka's
 * {@code StandardAuthorizer} lets each principal do only what an ACL allows ({@code
 * allow.everyone.if.no.acl.found=false}). The test kit's internal {@code PLAINTEXT} listener
 * ({@link #bootstrapServers()}) stays for the test's own Admin, producers and consumers: its
 * principal {@code User:ANONYMOUS} is a super user, which no client of the secure listener can be.
 *
 * <pre>{@code
 * TestCertificates tls = TestCertificates.generate(dir, "DNS:localhost", "IP:127.0.0.1");
 * try (SecureKafkaBroker kafka = SecureKafkaBroker.launch(tls)) {
 *   kafka.addUser("agent-FR-PARIS-01", "secret");
 *   kafka.allow("agent-FR-PARIS-01", ResourceType.TOPIC, "dealerpulse.footfall.v1", AclOperation.WRITE);
 *   Properties client = kafka.secureClientProperties("agent-FR-PARIS-01", "secret");
 * }
 * }</pre>
 *
 * <p>No restarts (security tests, not outage tests).
 */
public final class SecureKafkaBroker implements KafkaEndpoint {
  public static final String MECHANISM = ScramKafkaBroker.MECHANISM;
  private static final String SECURE_LISTENER = "SECURE";

  private final Path baseDir;
  private final TestCertificates certificates;
  private KafkaClusterTestKit cluster;
  private int securePort;
  private String internalBootstrap;

  private SecureKafkaBroker(Path baseDir, TestCertificates certificates) {
    this.baseDir = baseDir;
    this.certificates = certificates;
  }

  /**
   * Formats and starts the broker with {@code certificates}' server certificate on the secure
   * listener; it must name {@code localhost} (clients verify the host name).
   */
  public static SecureKafkaBroker launch(TestCertificates certificates) {
    SecureKafkaBroker broker = new SecureKafkaBroker(TestkitDirs.newWorkDir("kafka-secure"), certificates);
    broker.startCluster();
    return broker;
  }

  /** The internal PLAINTEXT listener (super user): for the test's Admin, producers and consumers. */
  @Override
  public synchronized String bootstrapServers() {
    return internalBootstrap;
  }

  /** The SASL_SSL/SCRAM-SHA-512 listener the clients under test use. */
  public synchronized String secureBootstrapServers() {
    return "localhost:" + securePort;
  }

  /** The PEM file of the CA that signed the broker's certificate: the clients' trust store. */
  public Path caFile() {
    return certificates.caFile();
  }

  /** Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user}. */
  public void addUser(String user, String password) {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw failure("cannot create SCRAM credentials for " + user, e);
    }
  }

  /**
   * Allows {@code User:<user>} the {@code operations} on one resource (a literal name; for the
   * cluster use {@code ResourceType.CLUSTER} and {@code "kafka-cluster"}), from any host.
   */
  public void allow(String user, ResourceType type, String name, AclOperation... operations) {
    List<AclBinding> bindings = new ArrayList<>();
    for (AclOperation operation : operations) {
      bindings.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
          new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
    }
    try (Admin admin = Admin.create(adminProperties())) {
      admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw failure("cannot create the ACLs " + bindings, e);
    }
  }

  /** Non-secret client settings of the secure listener: SASL_SSL, SCRAM-SHA-512, the CA as PEM trust store. */
  public Properties secureClientSettings() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secureBootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.caFile().toString());
    return props;
  }

  /** {@link #secureClientSettings()} authenticated as {@code user}. */
  public Properties secureClientProperties(String user, String password) {
    Properties props = secureClientSettings();
    props.put(SaslConfigs.SASL_JAAS_CONFIG, ScramKafkaBroker.jaasConfig(user, password));
    return props;
  }

  @Override
  public synchronized void start() {
    if (cluster == null) {
      throw new IllegalStateException("a SecureKafkaBroker cannot be restarted; launch a new one");
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
    return "Kafka broker with SASL_SSL and ACLs at " + secureBootstrapServers() + ", internal " + internalBootstrap;
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
      String secure = "listener.name." + SECURE_LISTENER.toLowerCase() + ".";
      builder.setConfigProp("listeners", internal + "://localhost:0," + controller + "://localhost:0,"
          + SECURE_LISTENER + "://localhost:0");
      builder.setConfigProp("listener.security.protocol.map", internal + ":PLAINTEXT," + controller
          + ":PLAINTEXT," + SECURE_LISTENER + ":SASL_SSL");
      builder.setConfigProp("sasl.enabled.mechanisms", MECHANISM);
      builder.setConfigProp(secure + MECHANISM.toLowerCase() + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      builder.setConfigProp(secure + "ssl.keystore.type", "PEM");
      builder.setConfigProp(secure + "ssl.keystore.certificate.chain", certificates.certificatePem());
      builder.setConfigProp(secure + "ssl.keystore.key", certificates.privateKeyPem());
      builder.setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      builder.setConfigProp("allow.everyone.if.no.acl.found", "false");
      // the internal and controller listeners are PLAINTEXT, whose principal is ANONYMOUS
      builder.setConfigProp("super.users", "User:ANONYMOUS");
      started = builder.build();
      started.format();
      started.startup();
      started.waitForReadyBrokers();
      var broker = started.brokers().values().iterator().next();
      securePort = broker.boundPort(new ListenerName(SECURE_LISTENER));
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
      throw failure("cannot start the Kafka broker with a SASL_SSL listener and ACLs in " + baseDir, e);
    }
  }

  private static IllegalStateException failure(String message, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException(message, e);
  }
}
