package io.dealerpulse.testkit;

/**
 * Start, stop and close of a test server. Stop and start keep the address and the data, so a test can
 * take a server away for a while and bring it back, as a real outage does; close ends it for good.
 */
public interface ServerLifecycle extends AutoCloseable {

  /** Orderly shutdown; the address and the data stay for {@link #start()}. */
  void stop();

  /** Starts a stopped server at the same address with the same data; no-op if it runs. */
  void start();

  boolean isRunning();

  /** Stops the server and deletes its data. */
  @Override
  void close();
}
