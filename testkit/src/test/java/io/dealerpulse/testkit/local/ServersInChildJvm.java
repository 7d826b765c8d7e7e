package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.MosquittoOptions;

/**
 * Run by {@link ChildProcessReapingIT} in a JVM of its own: starts mosquitto and influxd through the
 * kit, prints their pids, and waits to be killed.
 */
public final class ServersInChildJvm {

  static final String READY = "servers ready";

  private ServersInChildJvm() {}

  public static void main(String[] args) throws InterruptedException {
    MosquittoServer mosquitto = MosquittoServer.launch(MosquittoOptions.defaults());
    InfluxDbServer influx = InfluxDbServer.launch();
    System.out.println("mosquitto=" + mosquitto.pid());
    System.out.println("influxd=" + influx.pid());
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
