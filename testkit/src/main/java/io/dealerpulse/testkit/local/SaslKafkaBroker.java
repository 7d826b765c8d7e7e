package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.nio.file.Path;

/**
 * What {@link ScramKafkaBroker} and {@link SecureKafkaBroker} share: a {@link SaslListenerCluster} in
 * its own work directory, its internal listener as {@link #bootstrapServers()}, SCRAM users, and a
 * lifecycle without restarts (they are for security tests, not outage tests).
 */
abstract class SaslKafkaBroker implements KafkaEndpoint {
  private final Path baseDir;
  private final int clientPort;
  private final String internalBootstrap;
  private SaslListenerCluster cluster;

  SaslKafkaBroker(Path baseDir, SaslListenerCluster cluster) {
    this.baseDir = baseDir;
    this.cluster = cluster;
    this.clientPort = cluster.clientPort();
    this.internalBootstrap = cluster.internalBootstrap();
  }

  /** The internal PLAINTEXT listener: for the test's Admin, producers and consumers. */
  @Override
  public synchronized String bootstrapServers() {
    return internalBootstrap;
  }

  /** {@code localhost:<port>} of the SASL listener the clients under test use. */
  String clientBootstrapServers() {
    return "localhost:" + clientPort;
  }

  /** Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user}. */
  public void addUser(String user, String password) {
    cluster.addUser(user, password);
  }

  @Override
  public synchronized void start() {
    if (cluster == null) {
      throw new IllegalStateException("a " + getClass().getSimpleName() + " cannot be restarted; launch a new one");
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
}
