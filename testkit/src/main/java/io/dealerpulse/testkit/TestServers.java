package io.dealerpulse.testkit;

import io.dealerpulse.testkit.local.LocalServers;
import io.dealerpulse.testkit.testcontainers.TestcontainersServers;
import java.util.Locale;

/**
 * Starts the servers tests talk to. Each call starts a new server; the caller closes it. The
 * extensions ({@link KafkaExtension}, {@link MosquittoExtension}, {@link InfluxDbExtension}) start one
 * of each per test JVM through {@link #current()} and share it.
 *
 * <p>Two providers:
 * <ul>
 *   <li>{@code local} (default): {@link LocalServers} - an in-JVM KRaft broker, and mosquitto and
 *       influxd from the machine's packages as child processes.
 *   <li>{@code testcontainers}: {@link TestcontainersServers} - the same servers in Docker containers,
 *       for machines that have Docker and lack the packages.
 * </ul>
 * Select one with {@code -D}{@value #PROVIDER_PROPERTY}{@code =local|testcontainers}.
 */
public interface TestServers {

  String PROVIDER_PROPERTY = "dealerpulse.testkit.provider";

  KafkaEndpoint startKafka();

  MosquittoEndpoint startMosquitto(MosquittoOptions options);

  InfluxEndpoint startInflux();

  /** An influxd with these options, e.g. authentication on ({@link InfluxOptions}). */
  InfluxEndpoint startInflux(InfluxOptions options);

  /** The provider named by {@value #PROVIDER_PROPERTY}; {@code local} if unset. */
  static TestServers current() {
    String provider = System.getProperty(PROVIDER_PROPERTY, "local").strip().toLowerCase(Locale.ROOT);
    switch (provider) {
      case "local":
        return new LocalServers();
      case "testcontainers":
        return new TestcontainersServers();
      default:
        throw new IllegalArgumentException(PROVIDER_PROPERTY + "=" + provider
            + " is not a provider: use 'local' or 'testcontainers'");
    }
  }
}
