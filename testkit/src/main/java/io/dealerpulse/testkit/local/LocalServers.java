package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.InfluxOptions;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.TestServers;

/**
 * The default provider: Kafka in this JVM, mosquitto and influxd from the machine's Debian packages
 * as supervised child processes that die with the JVM.
 */
public final class LocalServers implements TestServers {

  @Override
  public KafkaEndpoint startKafka() {
    return EmbeddedKafkaBroker.launch();
  }

  @Override
  public MosquittoEndpoint startMosquitto(MosquittoOptions options) {
    return MosquittoServer.launch(options);
  }

  @Override
  public InfluxEndpoint startInflux() {
    return InfluxDbServer.launch();
  }

  @Override
  public InfluxEndpoint startInflux(InfluxOptions options) {
    return InfluxDbServer.launch(options);
  }
}
