package io.dealerpulse.demo.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * mosquitto run from the edge agent's shipped {@code mosquitto.conf} (copied into the demo jar), with
 * the lines that place it on a site PC replaced: a free loopback port, a work directory, and anonymous
 * access - the demo's devices and agents all run in this JVM on loopback, so it has no user database.
 * Every limit of the shipped file (queue sizes, in-flight window, packet size) is kept.
 */
public final class LocalMosquitto implements MqttBroker {
    private static final Set<String> REPLACED = Set.of("listener", "port", "persistence_location", "password_file",
            "acl_file", "allow_anonymous", "log_dest", "user", "include_dir", "pid_file");

    private final ChildProcess process;
    private final int port;

    private LocalMosquitto(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalMosquitto start(Path binary, Path workDir) throws IOException {
        int port = Ports.free();
        Path persistence = Files.createDirectories(workDir.resolve("mosquitto-data"));
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, render(shippedConfig(), port, persistence));
        ChildProcess process = ChildProcess.start("mosquitto", List.of(binary.toString(), "-c", config.toString()),
                workDir, 5);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Ports.accepts("127.0.0.1", port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("mosquitto did not start on port " + port + "; see " + process.log());
            }
            sleep();
        }
        return new LocalMosquitto(process, port);
    }

    static String render(String shipped, int port, Path persistence) {
        List<String> lines = new ArrayList<>();
        for (String line : shipped.split("\\R")) {
            String key = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            lines.add(!line.strip().startsWith("#") && REPLACED.contains(key) ? "#[demo] " + line : line);
        }
        lines.add("# --- DealerPulse demo ---");
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user root");
        }
        lines.add("listener " + port + " 127.0.0.1");
        lines.add("allow_anonymous true");
        lines.add("persistence_location " + persistence + "/");
        lines.add("log_dest stderr");
        return String.join("\n", lines) + "\n";
    }

    static String shippedConfig() {
        try (InputStream in = LocalMosquitto.class.getResourceAsStream("/io/dealerpulse/demo/site-broker/mosquitto.conf")) {
            if (in == null) {
                throw new IllegalStateException("mosquitto.conf missing from the demo jar: rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String description() {
        return "mosquitto " + uri() + " (pid " + process.pid() + ", from edge-agent/config/mosquitto.conf)";
    }

    @Override
    public void close() {
        process.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
