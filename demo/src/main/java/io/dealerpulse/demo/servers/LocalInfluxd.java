package io.dealerpulse.demo.servers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** influxd 1.x from the machine's package, on free loopback ports, data in the demo's work directory. */
public final class LocalInfluxd implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildProcess process;
    private final String url;

    private LocalInfluxd(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    public static LocalInfluxd start(Path binary, Path workDir) throws IOException {
        int http = Ports.free();
        int rpc = Ports.free();
        Path dir = Files.createDirectories(workDir.resolve("influxd"));
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, String.join("\n",
                "reporting-enabled = false",
                "bind-address = \"127.0.0.1:" + rpc + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]", "  bind-address = \"127.0.0.1:" + http + "\"", "  log-enabled = false",
                "[monitor]", "  store-enabled = false", ""));
        ChildProcess process = ChildProcess.start("influxd", List.of(binary.toString(), "run", "-config",
                config.toString()), workDir, 10);
        String url = "http://127.0.0.1:" + http;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!answersPing(url)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("influxd did not start at " + url + "; see " + process.log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new LocalInfluxd(process, url);
    }

    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public static boolean answersPing(String url) {
        try {
            HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(1)).build();
            return HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs an InfluxQL statement (e.g. CREATE DATABASE) and returns the JSON answer. */
    public static String query(String url, String database, String statement) throws IOException, InterruptedException {
        String form = "q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("InfluxDB at " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        process.close();
    }
}
