package io.dealerpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The two InfluxDB 1.x HTTP calls tests need; plain JDK HTTP so that no client library leaks in. */
final class InfluxHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private InfluxHttp() {}

  static JsonNode query(String url, InfluxCredentials who, String db, String influxql) {
    HttpResponse<String> response = send(queryRequest(url, who, db, influxql), "query " + influxql);
    JsonNode answer = parse(response.body(), influxql);
    String error = firstError(answer);
    if (response.statusCode() != 200 || error != null) {
      throw new IllegalStateException("InfluxDB at " + url + " rejected '" + influxql + "' on db '" + db
          + "': HTTP " + response.statusCode() + " " + (error != null ? error : response.body()));
    }
    return answer;
  }

  static void write(String url, InfluxCredentials who, String db, String lineProtocol) {
    HttpResponse<String> response = send(writeRequest(url, who, db, lineProtocol), "write to " + db);
    if (response.statusCode() != 204) {
      throw new IllegalStateException("InfluxDB at " + url + " rejected a write to db '" + db
          + "': HTTP " + response.statusCode() + " " + response.body());
    }
  }

  static InfluxAnswer tryQuery(String url, InfluxCredentials who, String db, String influxql) {
    HttpResponse<String> response = send(queryRequest(url, who, db, influxql), "query " + influxql);
    return new InfluxAnswer(response.statusCode(), response.body());
  }

  static InfluxAnswer tryWrite(String url, InfluxCredentials who, String db, String lineProtocol) {
    HttpResponse<String> response = send(writeRequest(url, who, db, lineProtocol), "write to " + db);
    return new InfluxAnswer(response.statusCode(), response.body());
  }

  private static HttpRequest queryRequest(String url, InfluxCredentials who, String db, String influxql) {
    // POST, because InfluxDB 1.x refuses CREATE/DROP statements sent with GET.
    return authorized(HttpRequest.newBuilder(URI.create(url + "/query")), who)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("db=" + encode(db) + "&q=" + encode(influxql)))
        .build();
  }

  private static HttpRequest writeRequest(String url, InfluxCredentials who, String db, String lineProtocol) {
    return authorized(HttpRequest.newBuilder(URI.create(url + "/write?db=" + encode(db))), who)
        .timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol, StandardCharsets.UTF_8))
        .build();
  }

  /** HTTP basic authentication, which InfluxDB 1.x accepts besides u/p parameters (and keeps out of URLs). */
  private static HttpRequest.Builder authorized(HttpRequest.Builder request, InfluxCredentials who) {
    if (who != null) {
      String token = Base64.getEncoder().encodeToString((who.user() + ":" + who.password())
          .getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
    return request;
  }

  private static String firstError(JsonNode answer) {
    if (answer.hasNonNull("error")) {
      return answer.get("error").asText();
    }
    for (JsonNode result : answer.path("results")) {
      if (result.hasNonNull("error")) {
        return result.get("error").asText();
      }
    }
    return null;
  }

  private static HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("InfluxDB " + what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during InfluxDB " + what, e);
    }
  }

  private static JsonNode parse(String body, String influxql) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("InfluxDB answered '" + influxql + "' with non-JSON: " + body, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
