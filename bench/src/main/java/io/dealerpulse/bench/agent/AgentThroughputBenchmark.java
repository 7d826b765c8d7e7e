package io.dealerpulse.bench.agent;

import io.dealerpulse.bench.harness.ChildJvm;
import io.dealerpulse.bench.harness.KafkaProgress;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Edge agent throughput against a bare bridge, in the same run, over the same real servers:
 * mosquitto started from the shipped {@code edge-agent/config/mosquitto.conf} and the in-JVM Kafka
 * broker of the testkit. Each round, for the bridge and then the agent (child JVM, {@code -Xmx64m},
 * durable outbox with fsync): the subject creates its persistent session and goes away, a device
 * publishes {@code --messages} generic-counter reports (QoS 1) that the broker queues, the subject
 * comes back and drains them; the rate is from the first record in Kafka to the last.
 *
 * <p>Why a backlog rather than a live publisher: on this machine one Paho publisher offers fewer
 * messages per second than either subject takes, so a live run would measure the publisher. The
 * drain is the subject's sustained ceiling, with the broker's in-flight window as the only pacing.
 * Rounds alternate bridge and agent so drift on a noisy machine hits both alike.
 *
 * <p>After the agent's last round: heap and RSS at the end of load,
 * peak RSS, and idle CPU over 10 s.
 *
 * <p>Options: {@code --messages 50000 --rounds 2 --broker-inflight 1000 --receive-maximum 1000
 * --commit-batch 500 --commit-linger 20ms --sync full --send-batch 500 --kafka-linger 20ms --jfr <file>}
 * (defaults: the product's).
 */
public final class AgentThroughputBenchmark {
    private static final String SITE = "BENCH-SITE-01";
    private static final String PUBLISHER = "device";
    private static final String PUBLISHER_PASSWORD = "device-password";
    private static final Path SHIPPED_CONF = Path.of("edge-agent/config/mosquitto.conf");

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.println(Machine.describe());
        System.out.println("options: " + o);
        Path work = Files.createTempDirectory("dealerpulse-bench-agent");
        Path conf = brokerConfig(o.brokerInflight, work);
        List<String> results = new ArrayList<>();
        try (KafkaEndpoint kafka = TestServers.current().startKafka();
                MosquittoEndpoint broker = MosquittoOptions.builder().baseConfig(conf)
                        .user(AgentProcess.USER, AgentProcess.PASSWORD).user(PUBLISHER, PUBLISHER_PASSWORD).start();
                KafkaProgress progress = new KafkaProgress(kafka.consumerProperties("bench-progress"))) {
            for (int round = 1; round <= o.rounds; round++) {
                String bridgeFilter = "bench/" + round + "/bridge/+";
                String bridgeTopic = "bench.bridge." + round;
                kafka.createTopic(bridgeTopic, 12);
                String bridgeId = "bench-bridge-" + round;
                // Connect once to create the persistent session, so the broker queues the backlog for it.
                new BareBridge(bridgeId, broker.uri(), AgentProcess.USER, AgentProcess.PASSWORD, o.receiveMaximum,
                        kafka.producerProperties(), bridgeTopic, bridgeFilter).close();
                publishBacklog(o, broker, bridgeFilter, "bridge round " + round);
                double bridgeRate;
                try (BareBridge bridge = new BareBridge(bridgeId, broker.uri(), AgentProcess.USER,
                        AgentProcess.PASSWORD, o.receiveMaximum, kafka.producerProperties(), bridgeTopic,
                        bridgeFilter)) {
                    bridgeRate = drainRate(o, progress, bridgeTopic, "bridge round " + round);
                }

                String agentFilter = "bench/" + round + "/agent/+";
                String agentTopic = "bench.agent.footfall." + round;
                kafka.createTopic(agentTopic, 12);
                Path agentDir = work.resolve("agent-" + round);
                Duration startup;
                try (AgentProcess first = AgentProcess.start(agentDir, SITE, broker.uri(), agentFilter,
                        kafka.bootstrapServers(), agentTopic, o.settings(), List.of())) {
                    startup = first.startup();
                    System.out.printf(Locale.ROOT, "agent round %d: start-up (launch to /health 200, empty outbox)"
                            + " %d ms%n", round, startup.toMillis());
                }
                publishBacklog(o, broker, agentFilter, "agent round " + round);
                List<String> jvm = o.jfr == null || round < o.rounds ? List.of()
                        : List.of("-XX:StartFlightRecording=filename=" + o.jfr + ",settings=profile");
                try (AgentProcess agent = AgentProcess.start(agentDir, SITE, broker.uri(), agentFilter,
                        kafka.bootstrapServers(), agentTopic, o.settings(), jvm)) {
                    double agentRate = drainRate(o, progress, agentTopic, "agent round " + round);
                    results.add(String.format(Locale.ROOT, "round %d: bridge %.0f msg/s, agent %.0f msg/s, ratio %.2f,"
                            + " agent start-up %d ms", round, bridgeRate, agentRate, agentRate / bridgeRate,
                            startup.toMillis()));
                    if (round == o.rounds) {
                        footprint(agent.pid(), results);
                    }
                }
            }
        }
        System.out.println("=== results ===");
        results.forEach(System.out::println);
    }

    /** Publishes the backlog while the subject is away; the broker queues it in the subject's session. */
    private static void publishBacklog(Options o, MosquittoEndpoint broker, String filter, String label)
            throws Exception {
        long start = System.nanoTime();
        long done = LoadPublisher.publish(broker.uri(), PUBLISHER, PUBLISHER_PASSWORD, filter.replace("+",
                LoadPublisher.DEVICE), SITE, o.messages);
        System.out.printf(Locale.ROOT, "%s: backlog of %d messages published in %.2f s%n", label, o.messages,
                (done - start) / 1e9);
    }

    /**
     * The subject drains the backlog into {@code topic}; the rate is counted from the first record in
     * Kafka to the last, so connection and start-up time stay out of it.
     */
    private static double drainRate(Options o, KafkaProgress progress, String topic, String label)
            throws Exception {
        long firstAt = progress.awaitRecords(topic, 1, Duration.ofMinutes(2));
        long firstCount = progress.records(topic);
        long lastAt = progress.awaitRecords(topic, o.messages, Duration.ofMinutes(5));
        double seconds = (lastAt - firstAt) / 1e9;
        double rate = (o.messages - firstCount) / seconds;
        System.out.printf(Locale.ROOT, "%s: %d messages in Kafka, %.2f s from first to last record = %.0f msg/s%n",
                label, o.messages, seconds, rate);
        return rate;
    }

    private static void footprint(long pid, List<String> results) throws Exception {
        double[] heap = ChildJvm.heapUsedAndTotalMiB(pid);
        double rss = ChildJvm.statusMiB(pid, "VmRSS");
        double peak = ChildJvm.statusMiB(pid, "VmHWM");
        Thread.sleep(3_000);
        double cpuBefore = ChildJvm.cpuSeconds(pid);
        long t0 = System.nanoTime();
        Thread.sleep(10_000);
        double idleCpu = (ChildJvm.cpuSeconds(pid) - cpuBefore) / ((System.nanoTime() - t0) / 1e9);
        results.add(String.format(Locale.ROOT, "agent footprint (-Xmx64m) right after the load: heap used %.1f MiB of"
                + " %.1f MiB committed, RSS %.1f MiB, peak RSS %.1f MiB; idle CPU over 10 s %.2f %% of one core",
                heap[0], heap[1], rss, peak, idleCpu * 100));
    }

    /** The shipped config, or a copy with another {@code max_inflight_messages}. */
    private static Path brokerConfig(int inflight, Path work) throws Exception {
        String shipped = Files.readString(SHIPPED_CONF);
        if (!shipped.contains("max_inflight_messages 1000")) {
            throw new IllegalStateException(SHIPPED_CONF + " no longer sets max_inflight_messages 1000: update"
                    + " AgentThroughputBenchmark.brokerConfig");
        }
        if (inflight == 1000) {
            return SHIPPED_CONF;
        }
        return Files.writeString(work.resolve("mosquitto.conf"),
                shipped.replace("max_inflight_messages 1000", "max_inflight_messages " + inflight));
    }

    private record Options(int messages, int rounds, int brokerInflight, int receiveMaximum, int commitBatch,
            String commitLinger, String sync, int sendBatch, String kafkaLinger, String jfr) {
        AgentProcess.Settings settings() {
            return new AgentProcess.Settings(receiveMaximum, commitBatch, commitLinger, sync, sendBatch, kafkaLinger);
        }

        static Options parse(String[] args) {
            int messages = 50_000;
            int rounds = 2;
            int inflight = 1000;
            int receiveMaximum = 1000;
            int commitBatch = 500;
            String linger = "20ms";
            String sync = "full";
            String jfr = null;
            int sendBatch = 500;
            String kafkaLinger = "20ms";
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--messages" -> messages = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--broker-inflight" -> inflight = Integer.parseInt(value);
                    case "--receive-maximum" -> receiveMaximum = Integer.parseInt(value);
                    case "--commit-batch" -> commitBatch = Integer.parseInt(value);
                    case "--commit-linger" -> linger = value;
                    case "--sync" -> sync = value;
                    case "--send-batch" -> sendBatch = Integer.parseInt(value);
                    case "--kafka-linger" -> kafkaLinger = value;
                    case "--jfr" -> jfr = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --messages --rounds --broker-inflight --receive-maximum --commit-batch"
                            + " --commit-linger --sync --send-batch --kafka-linger --jfr");
                }
            }
            if (messages > 100_000) {
                throw new IllegalArgumentException("--messages " + messages + " exceeds the shipped broker's"
                        + " max_queued_messages (100000): messages beyond it would be dropped, not measured");
            }
            return new Options(messages, rounds, inflight, receiveMaximum, commitBatch, linger, sync, sendBatch,
                    kafkaLinger, jfr);
        }
    }
}
