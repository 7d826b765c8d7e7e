package io.dealerpulse.agent;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.config.AgentConfigLoader;
import io.dealerpulse.agent.config.ConfigProblem;
import io.dealerpulse.agent.config.InvalidConfigException;
import io.dealerpulse.agent.config.Secrets;
import io.dealerpulse.agent.decode.DecoderRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar edge-agent.jar --config agent.yaml [--check-config]}.
 * Exit codes: 0 ok, 1 failed while running, 2 bad command line or configuration.
 */
public final class AgentMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;

    private AgentMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Stop entry point for Apache Commons Daemon procrun ({@code --StopMode=jvm --StopClass=...AgentMain
     * --StopMethod=stop}): exits the JVM, whose shutdown hook closes the agent cleanly.
     */
    public static void stop(String[] args) {
        System.exit(OK);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path configPath = null;
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--config needs a file path");
                    }
                    configPath = Path.of(args[++i]);
                }
                case "--check-config" -> checkOnly = true;
                case "--help", "-h" -> {
                    usage(out, null);
                    return OK;
                }
                default -> {
                    return usage(err, "unknown argument '" + args[i] + "'");
                }
            }
        }
        if (configPath == null) {
            return usage(err, "--config is required");
        }
        DecoderRegistry decoders = DecoderRegistry.load();
        AgentConfig config;
        try {
            config = new AgentConfigLoader(Secrets.fromSystem(), decoders.formats()).load(configPath);
        } catch (InvalidConfigException e) {
            err.println("The configuration " + configPath + " has " + e.problems().size() + " problem(s):");
            for (ConfigProblem problem : e.problems()) {
                err.println("  - " + problem.key() + ": " + problem.message());
            }
            return BAD_CONFIG;
        }
        if (checkOnly) {
            out.println("Configuration " + configPath + " is valid: site " + config.siteId() + ", "
                    + config.devices().size() + " device(s), " + config.mqtt().subscriptions().size()
                    + " MQTT subscription(s), Kafka " + config.kafka().bootstrapServers() + ".");
            return OK;
        }
        try {
            Agent agent = Agent.start(config, Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return OK;
        } catch (Exception e) {
            err.println("The edge agent could not start: " + e.getMessage());
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static int usage(PrintStream stream, String problem) {
        if (problem != null) {
            stream.println("Error: " + problem);
        }
        stream.println("Usage: java -jar edge-agent.jar --config agent.yaml [--check-config]");
        stream.println("  --config FILE    the agent's configuration (see config/agent.example.yaml)");
        stream.println("  --check-config   validate the configuration, print every problem, and exit");
        return problem == null ? OK : BAD_CONFIG;
    }
}
