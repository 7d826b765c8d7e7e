package io.dealerpulse.demo.pipeline;

import io.dealerpulse.agent.Agent;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.device.AxisCrossline;
import io.dealerpulse.simulator.network.CounterKind;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One real edge agent per simulated site, all in this JVM, each with its own outbox and the simulated
 * clock. On a real network each site has its own broker; here the sites share one, so each agent
 * subscribes to its own devices' topics only (a device list and topic filters are what a site's
 * configuration holds anyway).
 */
public final class DemoAgents implements AutoCloseable {
    private final List<Agent> agents = new ArrayList<>();

    public static AgentConfig config(SiteProfile site, String brokerUri, String bootstrap, Path dir, Duration heartbeat) {
        List<AgentConfig.Subscription> subscriptions = new ArrayList<>();
        List<AgentConfig.Device> devices = new ArrayList<>();
        if (site.counter() == CounterKind.AXIS) {
            subscriptions.add(new AgentConfig.Subscription(site.axisPrefix() + "/event/#", "axis-object-analytics"));
            devices.add(new AgentConfig.Device(site.axisPrefix(), "axis-object-analytics", List.of(
                    new AgentConfig.Line(AxisCrossline.IN_SCENARIO, Optional.of("IN"), true),
                    new AgentConfig.Line(AxisCrossline.OUT_SCENARIO, Optional.of("OUT"), true))));
        } else {
            subscriptions.add(new AgentConfig.Subscription("dealer/" + site.id() + "/door/+", "milesight-vs12x"));
            devices.add(new AgentConfig.Device(site.deviceSerial(), "milesight-vs12x", List.of(
                    new AgentConfig.Line(site.milesightLineUuid(), Optional.empty(), true))));
        }
        subscriptions.add(new AgentConfig.Subscription("dealerpulse/kiosk/" + site.kioskId(), "generic-kiosk"));
        devices.add(new AgentConfig.Device(site.kioskId(), "generic-kiosk", List.of()));
        return new AgentConfig(site.id(), site.agentId(),
                new AgentConfig.Mqtt(brokerUri, "dealerpulse-agent-" + site.id(), Optional.empty(), Optional.empty(),
                        Duration.ofDays(7), Optional.empty(), 1000, Duration.ofMillis(200), Duration.ofSeconds(5),
                        Map.of(), subscriptions),
                new AgentConfig.Kafka(bootstrap, Map.of(), new AgentConfig.Topics(Topic.FOOTFALL.topicName(),
                        Topic.KIOSK.topicName(), Topic.DEAD_LETTER.topicName(), Topic.AGENT_STATUS.topicName()),
                        false, (short) 1, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(5),
                        4L << 20, Duration.ofMillis(20), 500, Duration.ofSeconds(5)),
                // sync NORMAL: a demo survives its own crash, power cuts are not its business
                new AgentConfig.Outbox(dir.resolve("outbox.db"), 2_000_000, 1L << 30, AgentConfig.SyncMode.NORMAL, 500,
                        Duration.ofMillis(20)),
                new AgentConfig.Quarantine(dir.resolve("quarantine"), 1000, 50L << 20),
                new AgentConfig.Validation(Duration.ofMinutes(5), Duration.ofDays(7), 1000),
                new AgentConfig.Privacy(SimulatedNetwork.siteKey(site), SimulatedNetwork.DEMO_NETWORK_KEY),
                new AgentConfig.Status(heartbeat, "127.0.0.1", -1),
                devices);
    }

    public void start(AgentConfig config, Clock clock) throws Exception {
        agents.add(Agent.start(config, clock));
    }

    public int size() {
        return agents.size();
    }

    @Override
    public void close() {
        agents.forEach(Agent::close);
        agents.clear();
    }
}
