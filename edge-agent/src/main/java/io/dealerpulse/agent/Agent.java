package io.dealerpulse.agent;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.DecoderRegistry;
import io.dealerpulse.agent.forward.ConfiguredTopics;
import io.dealerpulse.agent.forward.KafkaForwarder;
import io.dealerpulse.agent.ingest.GroupCommitter;
import io.dealerpulse.agent.ingest.MessageProcessor;
import io.dealerpulse.agent.ingest.ReceivedMessage;
import io.dealerpulse.agent.mqtt.MqttIngest;
import io.dealerpulse.agent.outbox.Outbox;
import io.dealerpulse.agent.outbox.SqliteOutbox;
import io.dealerpulse.agent.privacy.Pseudonyms;
import io.dealerpulse.agent.quarantine.Quarantine;
import io.dealerpulse.agent.status.AgentMetrics;
import io.dealerpulse.agent.status.Heartbeat;
import io.dealerpulse.agent.status.StatusHttpServer;
import io.dealerpulse.schemas.topics.TopicProvisioner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: MQTT in → group commit into the outbox → Kafka out, plus heartbeat and the status
 * endpoint. Built from a validated {@link AgentConfig} and a {@link Clock} (tests inject a skewed one).
 * {@link #close()} stops the stages in flow order; anything not yet acknowledged is redelivered by the
 * broker or still in the outbox at the next start.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final AgentMetrics metrics = new AgentMetrics();
    private final Outbox outbox;
    private final MqttIngest mqtt;
    private final GroupCommitter committer;
    private final KafkaForwarder forwarder;
    private final Thread committerThread;
    private final Thread forwarderThread;
    private final ScheduledExecutorService scheduler;
    private final StatusHttpServer http;

    private Agent(AgentConfig config, Clock clock) throws Exception {
        this.config = config;
        if (config.kafka().createTopics()) {
            createTopics(config.kafka());
        }
        outbox = SqliteOutbox.open(config.outbox());
        Quarantine quarantine = new Quarantine(config.quarantine().dir(), config.quarantine().maxFiles(),
                config.quarantine().maxBytes());
        Pseudonyms pseudonyms = Pseudonyms.of(config.privacy().siteKey(), config.privacy().networkKey());
        MessageProcessor processor = new MessageProcessor(config, DecoderRegistry.load(), outbox, quarantine,
                pseudonyms, clock);
        BlockingQueue<ReceivedMessage> queue = new LinkedBlockingQueue<>(4 * config.mqtt().receiveMaximum() + 64);
        forwarder = new KafkaForwarder(config.kafka(), config.siteId(), outbox, metrics, clock);
        mqtt = new MqttIngest(config.mqtt(), clock, queue, metrics);
        committer = new GroupCommitter(queue, processor, outbox, mqtt, metrics, forwarder::wakeUp, clock,
                config.outbox().commitBatch(), config.outbox().commitLinger());
        committerThread = new Thread(committer, "outbox-committer");
        forwarderThread = new Thread(forwarder, "kafka-forwarder");
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        Heartbeat heartbeat = new Heartbeat(config.siteId(), config.agentId(), config.kafka().topics().agentStatus(),
                outbox, metrics, clock);
        http = config.status().httpPort() < 0 ? null
                : new StatusHttpServer(config.status().httpBind(), config.status().httpPort(), metrics, outbox, clock);

        LOG.info("DealerPulse edge agent {} for site {} starting: {} device(s), outbox {} ({} waiting from before).",
                Heartbeat.version(), config.siteId(), config.devices().size(), config.outbox().path().toAbsolutePath(),
                outbox.depth());
        committerThread.start();
        forwarderThread.start();
        mqtt.start();
        long period = config.status().heartbeatInterval().toMillis();
        scheduler.scheduleAtFixedRate(() -> {
            heartbeat.run();
            forwarder.wakeUp();
        }, period, period, TimeUnit.MILLISECONDS);
    }

    public static Agent start(AgentConfig config, Clock clock) throws Exception {
        return new Agent(config, clock);
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The status endpoint's port (useful with {@code status.http-port: 0}), or -1 when off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * Creates missing topics when configured to (test and single-site installs; a network's topics are
     * normally created centrally). A failure is not fatal: events wait in the outbox until Kafka has them.
     */
    private static void createTopics(AgentConfig.Kafka kafka) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<String> created = new ArrayList<>(
                    new TopicProvisioner(admin, kafka.replicationFactor()).createMissing());
            var renamed = ConfiguredTopics.missingRenamed(kafka.topics(),
                    admin.listTopics().names().get(30, TimeUnit.SECONDS), kafka.replicationFactor());
            if (!renamed.isEmpty()) {
                admin.createTopics(renamed).all().get(60, TimeUnit.SECONDS);
                renamed.forEach(t -> created.add(t.name()));
            }
            if (!created.isEmpty()) {
                LOG.info("Created Kafka topics {}", created);
            }
        } catch (IllegalStateException e) {
            LOG.warn("{}. Continuing: events are kept in the outbox until the topics exist.", e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not create the renamed topics of kafka.topics ({}). Continuing: events are kept in the"
                    + " outbox until the topics exist.", e.toString());
        }
    }

    @Override
    public void close() {
        LOG.info("Edge agent for site {} stopping; {} event(s) wait in the outbox for the next start.",
                config.siteId(), outbox.depth());
        scheduler.shutdownNow();
        mqtt.close();
        committer.stop();
        forwarder.stop();
        join(committerThread);
        join(forwarderThread);
        if (http != null) {
            http.close();
        }
        outbox.close();
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
