package io.dealerpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A running InfluxDB 1.x server for tests, spoken to over its HTTP API.
 *
 * <p>{@link #stop()} and {@link #start()} simulate an outage: the server comes back at the same URL
 * with the same databases and points.
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
    return InfluxHttp.query(url(), db, influxql);
  }

  /**
   * Writes points in line protocol (nanosecond timestamps) to {@code db}.
   *
   * @throws IllegalStateException if InfluxDB rejects the write
   */
  default void write(String db, String lineProtocol) {
    InfluxHttp.write(url(), db, lineProtocol);
  }

  default void createDatabase(String db) {
    query("", "CREATE DATABASE \"" + db.replace("\"", "\\\"") + "\"");
  }
}
