package io.dealerpulse.agent.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dealerpulse.agent.outbox.Outbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code GET /health}: 200 when the agent is ready (MQTT connected and the outbox writable), else 503,
 * with a one-line JSON body saying which part is down. {@code GET /metrics}: Prometheus text format.
 * Bound to 127.0.0.1 by default: the site's monitoring scrapes it locally or through a configured bind.
 */
public final class StatusHttpServer implements AutoCloseable {
    private final HttpServer server;

    public StatusHttpServer(String bind, int port, AgentMetrics metrics, Outbox outbox, Clock clock)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/health", exchange -> {
            boolean mqtt = metrics.mqttConnected();
            boolean writable = outbox.writable();
            boolean ready = mqtt && writable;
            String body = "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"live\":true,\"mqtt_connected\":" + mqtt
                    + ",\"outbox_writable\":" + writable + ",\"outbox_depth\":" + outbox.depth() + "}\n";
            respond(exchange, ready ? 200 : 503, "application/json", body);
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4",
                prometheus(metrics, outbox, clock)));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static String prometheus(AgentMetrics m, Outbox outbox, Clock clock) {
        StringBuilder out = new StringBuilder();
        gauge(out, "dealerpulse_agent_up", "1 while the agent runs", 1);
        gauge(out, "dealerpulse_agent_mqtt_connected", "1 when connected to the site broker", m.mqttConnected() ? 1 : 0);
        gauge(out, "dealerpulse_agent_outbox_writable", "1 when the last outbox write succeeded",
                outbox.writable() ? 1 : 0);
        gauge(out, "dealerpulse_agent_outbox_depth", "entries waiting for Kafka", outbox.depth());
        gauge(out, "dealerpulse_agent_outbox_bytes", "bytes of entries waiting for Kafka", outbox.bytes());
        long now = clock.millis();
        gauge(out, "dealerpulse_agent_outbox_oldest_age_seconds", "age of the oldest waiting entry",
                outbox.oldestCreatedAt().map(t -> Math.max(0, Duration.ofMillis(now - t.toEpochMilli()).toSeconds()))
                        .orElse(0L));
        gauge(out, "dealerpulse_agent_outbox_full", "1 while the outbox is full and MQTT is not acknowledged",
                m.outboxFullSinceMillis.get() > 0 ? 1 : 0);
        Long offset = m.clockOffsetMillis.get();
        if (offset != null) {
            gauge(out, "dealerpulse_agent_clock_offset_ms", "agent clock minus Kafka broker time", offset);
        }
        counter(out, "dealerpulse_agent_messages_received_total", "device messages received", m.messagesReceived.sum());
        counter(out, "dealerpulse_agent_messages_committed_total", "device messages durable in the outbox",
                m.messagesCommitted.sum());
        counter(out, "dealerpulse_agent_messages_ignored_total", "messages that carried nothing to count",
                m.messagesIgnored.sum());
        counter(out, "dealerpulse_agent_events_stored_total", "events stored in the outbox", m.eventsStored.sum());
        counter(out, "dealerpulse_agent_events_forwarded_total", "events acknowledged by Kafka",
                m.eventsForwarded.sum());
        counter(out, "dealerpulse_agent_delivery_failures_total", "deliveries that failed and will be retried",
                m.deliveryFailures.sum());
        counter(out, "dealerpulse_agent_group_commits_total", "outbox transactions", m.groupCommits.sum());
        counter(out, "dealerpulse_agent_forward_rounds_total", "forwarder rounds (read, send, await acks, remove)",
                m.forwardRounds.sum());
        counter(out, "dealerpulse_agent_forward_read_ms_total", "forwarder time reading the oldest entries",
                m.forwardReadNanos.sum() / 1_000_000);
        counter(out, "dealerpulse_agent_forward_await_ms_total", "forwarder time from first send to last Kafka answer",
                m.forwardAwaitNanos.sum() / 1_000_000);
        counter(out, "dealerpulse_agent_forward_remove_ms_total", "forwarder time removing acknowledged entries",
                m.forwardRemoveNanos.sum() / 1_000_000);
        counter(out, "dealerpulse_agent_dropped_total", "payloads the agent could not keep", m.dropped.sum());
        out.append("# HELP dealerpulse_agent_rejects_total device messages dead-lettered, per reason\n");
        out.append("# TYPE dealerpulse_agent_rejects_total counter\n");
        for (Map.Entry<String, Long> e : m.rejects().entrySet()) {
            out.append("dealerpulse_agent_rejects_total{reason=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "gauge", value);
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "counter", value);
    }

    private static void metric(StringBuilder out, String name, String help, String type, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
