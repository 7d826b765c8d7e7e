package io.dealerpulse.testkit;

/**
 * A running mosquitto broker for tests.
 *
 * <p>{@link #stop()}, {@link #kill()} and {@link #start()} simulate outages: the broker comes back on
 * the same port with the same persistence directory, so persistent sessions and retained messages
 * survive an orderly stop. After {@code kill()} (SIGKILL, like a crash or power loss) only what
 * mosquitto had already saved survives.
 */
public interface MosquittoEndpoint extends ServerLifecycle {

  /** Always a loopback address for the local provider, e.g. {@code 127.0.0.1}. */
  String host();

  int port();

  /** The address MQTT clients take, e.g. {@code tcp://127.0.0.1:41234}. */
  default String uri() {
    return "tcp://" + host() + ":" + port();
  }

  /**
   * Crash: SIGKILL, so mosquitto saves nothing. {@link #start()} brings it back like after
   * {@link #stop()}.
   */
  void kill();
}
