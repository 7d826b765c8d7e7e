package io.dealerpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A running InfluxDB 1.x server for tests, spoken to over its HTTP API.
 *
 * <p>{@link #stop()} and {@link #start()} simulate an outage: the server comes back at the same URL
 * with the same databases and points (and users).
 *
 * <p>A server started with authentication ({@link InfluxOptions.Builder#authEnabled()}) has
 * {@link #admin()} credentials, which {@link #query}, {@link #write} and {@link #createDatabase}
 * use; {@link #tryQuery} and {@link #tryWrite} act as any user, or anonymously, and return the
 * answer instead of throwing, for tests of what a user may not do.
 */
public interface InfluxEndpoint extends ServerLifecycle {

  /** e.g. {@code http://127.0.0.1:41234}; stable across {@link #stop()}/{@link #start()}. */
  String url();

  /**
   * Runs InfluxQL against {@code db} and returns the JSON answer of {@code /query}, e.g.
   * {@code {"results":[{"statement_id":0,"series":[{"name":"m","columns":[...],"values":[[...]]}]}]}}.
   *
   * @throws IllegalStateException if InfluxDB reports an error for the query or any statement
   */
  default JsonNode query(String db, String influxql) {
    return InfluxHttp.query(url(), admin().orElse(null), db, influxql);
  }

  /**
   * Writes points in line protocol (nanosecond timestamps) to {@code db}.
   *
   * @throws IllegalStateException if InfluxDB rejects the write
   */
  default void write(String db, String lineProtocol) {
    InfluxHttp.write(url(), admin().orElse(null), db, lineProtocol);
  }

  default void createDatabase(String db) {
    query("", "CREATE DATABASE \"" + db.replace("\"", "\\\"") + "\"");
  }

  /** The admin user of a server with authentication; empty when authentication is off. */
  default Optional<InfluxCredentials> admin() {
    return Optional.empty();
  }

  /** Runs InfluxQL as {@code who} (null = anonymous, no credentials) and returns the answer, never throwing on a refusal. */
  default InfluxAnswer tryQuery(InfluxCredentials who, String db, String influxql) {
    return InfluxHttp.tryQuery(url(), who, db, influxql);
  }

  /** Writes line protocol (ns) as {@code who} (null = anonymous) and returns the answer, never throwing on a refusal. */
  default InfluxAnswer tryWrite(InfluxCredentials who, String db, String lineProtocol) {
    return InfluxHttp.tryWrite(url(), who, db, lineProtocol);
  }
}
