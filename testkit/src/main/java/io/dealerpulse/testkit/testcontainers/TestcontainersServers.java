package io.dealerpulse.testkit.testcontainers;

import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.InfluxOptions;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.TestServers;

/**
 * The servers in Docker containers: {@code apache/kafka} (same version as kafka-clients),
 * {@code eclipse-mosquitto:2.0} and {@code influxdb:1.8}. Select it with
 * {@code -Ddealerpulse.testkit.provider=testcontainers} on a machine with a Docker engine and without
 * the mosquitto/influxdb packages.
 *
 * <p><b>Not exercised by this module's build</b>: the build machine has no Docker engine, so only the
 * local provider runs in CI. Each container's host port is pinned at creation so that
 * {@code stop()}/{@code start()} keep the address (see {@link ContainerOutage}); mosquitto's config
 * is rendered by the same {@link io.dealerpulse.testkit.MosquittoConfigText} as the local broker's.
 * Containers outlive a killed JVM only until Testcontainers' Ryuk reaper removes them.
 */
public final class TestcontainersServers implements TestServers {

  @Override
  public KafkaEndpoint startKafka() {
    return new KafkaContainerEndpoint();
  }

  @Override
  public MosquittoEndpoint startMosquitto(MosquittoOptions options) {
    return new MosquittoContainerEndpoint(options);
  }

  @Override
  public InfluxEndpoint startInflux() {
    return new InfluxContainerEndpoint(InfluxOptions.defaults());
  }

  @Override
  public InfluxEndpoint startInflux(InfluxOptions options) {
    return new InfluxContainerEndpoint(options);
  }
}
