package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.local.process.TestkitDirs;
import io.dealerpulse.testkit.tls.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

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
public final class SecureKafkaBroker extends SaslKafkaBroker {
  public static final String MECHANISM = SaslListenerCluster.MECHANISM;
  private static final String SECURE_LISTENER = "SECURE";

  private final TestCertificates certificates;

  private SecureKafkaBroker(Path baseDir, TestCertificates certificates) {
    super(baseDir, SaslListenerCluster.start(baseDir, SECURE_LISTENER, "SASL_SSL",
        Map.of("ssl.keystore.type", "PEM",
            "ssl.keystore.certificate.chain", certificates.certificatePem(),
            "ssl.keystore.key", certificates.privateKeyPem()),
        Map.of("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found", "false",
            // the internal and controller listeners are PLAINTEXT, whose principal is ANONYMOUS
            "super.users", "User:ANONYMOUS"),
        "a SASL_SSL listener and ACLs"));
    this.certificates = certificates;
  }

  /**
   * Formats and starts the broker with {@code certificates}' server certificate on the secure
   * listener; it must name {@code localhost} (clients verify the host name).
   */
  public static SecureKafkaBroker launch(TestCertificates certificates) {
    return new SecureKafkaBroker(TestkitDirs.newWorkDir("kafka-secure"), certificates);
  }

  /** The SASL_SSL/SCRAM-SHA-512 listener the clients under test use. */
  public String secureBootstrapServers() {
    return clientBootstrapServers();
  }

  /** The PEM file of the CA that signed the broker's certificate: the clients' trust store. */
  public Path caFile() {
    return certificates.caFile();
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
      throw SaslListenerCluster.failure("cannot create the ACLs " + bindings, e);
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
  public String toString() {
    return "Kafka broker with SASL_SSL and ACLs at " + secureBootstrapServers() + ", internal " + bootstrapServers();
  }
}
