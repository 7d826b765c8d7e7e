package io.dealerpulse.demo;

import io.dealerpulse.demo.pipeline.DemoAgents;
import io.dealerpulse.demo.pipeline.DemoJob;
import io.dealerpulse.demo.pipeline.JobReadBarrier;
import io.dealerpulse.demo.servers.EmbeddedKafka;
import io.dealerpulse.demo.servers.EmbeddedMqtt;
import io.dealerpulse.demo.servers.LocalInfluxd;
import io.dealerpulse.demo.servers.LocalMosquitto;
import io.dealerpulse.demo.servers.MqttBroker;
import io.dealerpulse.demo.servers.Ports;
import io.dealerpulse.demo.view.LiveBoard;
import io.dealerpulse.demo.view.TerminalView;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.schemas.topics.TopicProvisioner;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.publish.BusinessImports;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import io.dealerpulse.simulator.publish.LiveSimulation;
import io.dealerpulse.simulator.publish.MqttDevicePublisher;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import io.dealerpulse.simulator.time.SimulatedClock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole pipeline on one machine: servers, the KPI job, one agent per site, the back-fill and the
 * live simulator. {@link #start} returns once everything runs; {@link #stopFeeding} stops the simulator
 * and the agents but keeps the pipeline (what the job read is then all it will read); {@link #close} stops
 * everything in reverse order (simulator, agents, job, brokers, child processes) and removes the work
 * directory.
 */
public final class Demo implements AutoCloseable {
    private final DemoOptions options;
    private final PrintStream out;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    /** What feeds the pipeline (importer publisher, agents, simulated devices): stopped first. */
    private final Deque<AutoCloseable> feeding = new ArrayDeque<>();
    private Path workDir;
    private SimulatedClock clock;
    private SimulatedNetwork network;
    private LiveSimulation live;
    private String mqttUri;
    private String bootstrap;
    private String influxUrl;
    private LocalInfluxd influxd;
    private LocalMosquitto mosquitto;
    private int uiPort;
    private Instant startedAt;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Demo start() throws Exception {
        startedAt = Instant.now();
        StartupFigures figures = new StartupFigures();
        TrustedAvroClasses.register();
        workDir = Files.createTempDirectory("dealerpulse-demo-");
        network = new SimulatedNetwork(NetworkScenario.of(options.sites(), options.seed()), options.start(),
                options.historyDays());
        network.scenario().sites().forEach(s -> LiveBoard.INSTANCE.registerZone(s.id(), s.zone()));
        LiveBoard.INSTANCE.clear();
        HistoryBackfill backfill = new HistoryBackfill(network, options.historyDays(), options.surveyDays());
        // Pure CPU work and slow server starts overlap: the history is generated, and Kafka starts, while
        // the MQTT broker and influxd start.
        CompletableFuture<HistoryBackfill.Plan> plan = options.simulator()
                ? inThread("demo-history", backfill::plan) : null;

        out.println("Starting the DealerPulse demo (work directory " + workDir + ") ...");
        CompletableFuture<EmbeddedKafka> kafka = options.kafka() != null ? null : inThread("demo-kafka", () -> {
            try {
                return EmbeddedKafka.start(Files.createDirectories(workDir.resolve("kafka")));
            } catch (Exception e) {
                throw new IllegalStateException("the in-JVM Kafka did not start: " + e.getMessage()
                        + " - see $TMPDIR/dealerpulse-demo.log", e);
            }
        });
        EmbeddedKafka embedded = null;
        try {
            startMqtt();
            startInflux();
        } finally {
            if (kafka != null) {
                embedded = kafka.join();
                running.push(embedded); // closed with the rest even if the MQTT or InfluxDB start failed
            }
        }
        startKafka(embedded);
        figures.serversReady();

        uiPort = Ports.preferOrFree(options.flinkUiPort());
        // The site clock trails the latest agent event by the out-of-orderness: keep it a few real seconds.
        Duration outOfOrderness = Duration.ofMinutes(2);
        JobClient job = DemoJob.start(bootstrap, influxUrl == null ? null
                : InfluxDbSinkOptions.of(influxUrl, "dealerpulse", null, null), uiPort, outOfOrderness);
        running.push(() -> job.cancel().get());
        figures.jobStarted();
        printWhatRunsWhere();

        if (!options.simulator()) {
            // Your devices and agents stamp wall-clock times: the view runs on the wall clock too.
            clock = SimulatedClock.startingAt(Instant.now(), 1);
            out.println("--no-simulator: the pipeline waits for your agents (devices on MQTT " + mqttUri
                    + ", agents to Kafka " + bootstrap + ") and imports; the view shows the sites of the registry"
                    + " you import, on the wall clock.");
            return this;
        }
        KafkaPublisher publisher = KafkaPublisher.connect(bootstrap, Map.of(), List.of(Topic.values()), false,
                Duration.ofSeconds(15));
        feeding.push(publisher);
        BusinessImports imports = new BusinessImports(publisher, network.networkKey());
        HistoryBackfill.Summary summary = backfill.run(plan.join(), imports, publisher, (done, total, phase) -> {
            out.print("\rBack-fill " + TerminalView.progressBar(done, total, 40) + " " + phase + "      ");
            out.flush();
        }, new JobReadBarrier(LiveBoard.INSTANCE, Duration.ofSeconds(60)));
        out.println();
        out.printf("Back-filled %d registry versions, %d appointment actions, %d surveys, %d agent records%n",
                summary.registryVersions(), summary.appointmentActions(), summary.surveys(), summary.trafficRecords());
        out.println(figures.backfilled(summary));

        clock = SimulatedClock.startingAt(options.start(), options.speed());
        DemoAgents agents = new DemoAgents();
        feeding.push(agents);
        Duration heartbeat = Duration.ofMillis(Math.max(250, (long) (Duration.ofMinutes(5).toMillis() / options.speed())));
        for (SiteProfile site : network.scenario().sites()) {
            Path dir = Files.createDirectories(workDir.resolve("agents").resolve(site.id()));
            agents.start(DemoAgents.config(site, mqttUri, bootstrap, dir, heartbeat), clock);
        }
        MqttDevicePublisher devices = new MqttDevicePublisher(mqttUri);
        feeding.push(devices);
        live = new LiveSimulation(network, clock, devices, imports);
        feeding.push(live);
        live.start();
        return this;
    }

    /** Runs {@code work} on its own thread (the common pool has one thread on two cores). */
    private static <T> CompletableFuture<T> inThread(String name, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private void startMqtt() throws Exception {
        boolean forceEmbedded = DemoOptions.EMBEDDED_MQTT.equals(options.mqtt());
        if (options.mqtt() != null && !forceEmbedded) {
            mqttUri = options.mqtt();
            out.println("  MQTT      " + mqttUri + " (--mqtt)");
            return;
        }
        var binary = forceEmbedded ? java.util.Optional.<Path>empty() : Ports.executable("mosquitto");
        MqttBroker broker;
        if (binary.isPresent()) {
            mosquitto = LocalMosquitto.start(binary.get(), workDir);
            broker = mosquitto;
        } else {
            broker = EmbeddedMqtt.start(workDir);
        }
        running.push(broker);
        mqttUri = broker.uri();
        out.println("  MQTT      " + broker.description());
    }

    /** @param embedded the in-JVM broker already started, or null for {@code --kafka} */
    private void startKafka(EmbeddedKafka embedded) throws Exception {
        bootstrap = embedded != null ? embedded.bootstrapServers() : options.kafka();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get().size();
            new TopicProvisioner(admin, (short) Math.min(3, brokers)).createMissing();
        }
        out.println("  Kafka     " + bootstrap + (options.kafka() == null ? " (in this JVM, KRaft)" : ""));
    }

    private void startInflux() throws Exception {
        if (options.influx() != null) {
            influxUrl = options.influx();
        } else {
            var binary = Ports.executable("influxd");
            if (binary.isPresent()) {
                influxd = LocalInfluxd.start(binary.get(), workDir);
                running.push(influxd);
                influxUrl = influxd.url();
            }
        }
        if (influxUrl != null && LocalInfluxd.answersPing(influxUrl)) {
            LocalInfluxd.query(influxUrl, null, "CREATE DATABASE dealerpulse");
            out.println("  InfluxDB  " + influxUrl + " database dealerpulse"
                    + (influxd != null ? " (influxd pid " + influxd.pid() + ")" : ""));
        } else {
            out.println("  InfluxDB  none reachable" + (influxUrl == null ? " and influxd not installed" : " at " + influxUrl)
                    + ": the live view still works (install influxdb to keep the points)");
            influxUrl = null;
        }
    }

    private void printWhatRunsWhere() {
        out.println("  Flink     web UI http://127.0.0.1:" + uiPort + " (job '" + DemoJob.JOB_NAME + "', local cluster)");
        out.println("  Agents    " + options.sites() + " edge agents (one per site) in this JVM, simulated clock x"
                + options.speed());
        out.println();
        out.println("Try:");
        if (influxUrl != null) {
            out.println("  influx -host 127.0.0.1 -port " + influxUrl.replaceAll(".*:", "")
                    + " -database dealerpulse -execute \"SELECT site, visitors, staff_on_duty, status FROM staffing_window"
                    + " ORDER BY time DESC LIMIT 10\"");
        }
        out.println("  mosquitto_sub -h 127.0.0.1 -p " + mqttUri.replaceAll(".*:", "") + " -t 'dealerpulse/kiosk/#' -v");
        out.println("  open http://127.0.0.1:" + uiPort + " (Flink web UI)");
        out.println("  Ctrl-C stops everything");
        out.println();
    }

    public SimulatedClock clock() {
        return clock;
    }

    public SimulatedNetwork network() {
        return network;
    }

    public String influxUrl() {
        return influxUrl;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** PIDs of the child processes this demo started (mosquitto, influxd). */
    public List<Long> childPids() {
        List<Long> pids = new java.util.ArrayList<>();
        if (mosquitto != null) {
            pids.add(mosquitto.pid());
        }
        if (influxd != null) {
            pids.add(influxd.pid());
        }
        return pids;
    }

    public LiveSimulation live() {
        return live;
    }

    /**
     * Stops the simulator, the simulated devices, the agents and the importer's publisher; the brokers,
     * the job and InfluxDB keep running, so the job finishes reading what reached Kafka.
     */
    public void stopFeeding() {
        closeAll(feeding);
    }

    @Override
    public void close() {
        closeAll(feeding);
        closeAll(running);
        if (workDir != null) {
            deleteRecursively(workDir);
        }
    }

    private void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                out.println("While stopping: " + e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // leftovers in the temp directory are harmless
        }
    }
}
