package io.dealerpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.reliability.harness.AgentChild;
import io.dealerpulse.reliability.harness.BrokerSave;
import io.dealerpulse.reliability.harness.Figures;
import io.dealerpulse.reliability.harness.KafkaLedger;
import io.dealerpulse.reliability.harness.ReliabilitySite;
import io.dealerpulse.reliability.harness.SiteDevices;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Item 4: the site's mosquitto stopped or crashed (SIGKILL) and started again, with its persistence on
 * and off, while messages wait in it for the agent. The run is in phases of {@value #PER_PHASE} messages,
 * so that what is lost can be named exactly:
 * <ol>
 *   <li><b>delivered</b> - the agent stored them (in Kafka) before anything broke;
 *   <li><b>queued before the save</b> - the agent is down (SIGKILL): the broker queues them in the agent's
 *       persistent session; then the broker saves its database (SIGUSR1, what the 60 s autosave does);
 *   <li><b>queued after the save</b> - queued in memory only;
 *   <li>the broker stops (orderly: it saves) or crashes (saves nothing), and starts again;
 *   <li><b>published while the agent is away</b> - after the broker's restart, before the agent is back;
 *   <li><b>after the agent is back</b>.
 * </ol>
 * Expected losses: orderly restart with persistence - none; crash with persistence - exactly the messages
 * queued after the last save; crash without persistence - everything the broker held for the agent plus
 * everything published before the agent subscribed again (the broker forgot the agent's session, so it
 * had nobody to keep them for). Lost AXIS messages lose their event ids but not their visitors: the next
 * cumulative total counts the gap. Lost kiosk messages are lost events.
 */
@ExtendWith(KafkaExtension.class)
class BrokerRestartIT {
    static final int PER_PHASE = 150;

    enum Fault {
        ORDERLY_RESTART_WITH_PERSISTENCE(true, false),
        CRASH_WITH_PERSISTENCE(true, true),
        CRASH_WITHOUT_PERSISTENCE(false, true);

        final boolean persistence;
        final boolean crash;

        Fault(boolean persistence, boolean crash) {
            this.persistence = persistence;
            this.crash = crash;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Fault.class)
    void lossesAreExactlyWhatTheBrokersPersistenceAllows(Fault fault, KafkaEndpoint kafka) throws Exception {
        String siteId = "REL-BROKER-" + fault.ordinal();
        try (ReliabilitySite site = new ReliabilitySite(siteId, kafka, dir, fault.persistence);
                KafkaLedger ledger = new KafkaLedger(kafka, siteId)) {
            SiteDevices devices = site.devices;
            AgentChild first = site.startAgent("broker-" + fault.name().toLowerCase());
            try {
                first.awaitHealthy(Duration.ofSeconds(60));
                devices.publish(PER_PHASE);
                ledger.awaitIds(ids(devices.published()), Duration.ofSeconds(60), Duration.ZERO);
            } finally {
                first.kill9();
            }
            List<String> delivered = idList(devices.published());

            devices.publish(PER_PHASE);
            List<String> queuedBeforeSave = newIds(devices, delivered.size());
            BrokerSave.saveNow(site.broker, fault.persistence);
            devices.publish(PER_PHASE);
            List<String> queuedAfterSave = newIds(devices, delivered.size() + PER_PHASE);

            if (fault.crash) {
                site.broker.kill();
            } else {
                site.broker.stop();
            }
            site.broker.start();
            devices.publish(PER_PHASE);   // retried until the devices have reconnected
            List<String> whileAgentAway = newIds(devices, delivered.size() + 2 * PER_PHASE);

            try (AgentChild second = site.startAgent("broker-" + fault.name().toLowerCase())) {
                second.awaitHealthy(Duration.ofSeconds(60));
                devices.publish(PER_PHASE);
                List<String> afterAgentBack = newIds(devices, delivered.size() + 3 * PER_PHASE);

                Set<String> expectedLost = new HashSet<>();
                if (fault.crash) {
                    expectedLost.addAll(queuedAfterSave);
                }
                if (!fault.persistence) {
                    expectedLost.addAll(queuedBeforeSave);
                    expectedLost.addAll(whileAgentAway);
                }
                Set<String> expectedKept = ids(devices.published());
                expectedKept.removeAll(expectedLost);
                ledger.awaitIds(expectedKept, Duration.ofSeconds(90), Duration.ofSeconds(3));

                new Figures("broker " + fault.name().toLowerCase().replace('_', ' '))
                        .put("delivered lost", lost(ledger, delivered))
                        .put("queued before save lost", lost(ledger, queuedBeforeSave))
                        .put("queued after save lost", lost(ledger, queuedAfterSave))
                        .put("published while agent away lost", lost(ledger, whileAgentAway))
                        .put("after agent back lost", lost(ledger, afterAgentBack))
                        .put("of per phase", PER_PHASE)
                        .put("publish retries", devices.retries())
                        .put("duplicates in Kafka", ledger.duplicates())
                        .put("crossings published", devices.crossings())
                        .put("visitors counted", ledger.crossingsCounted())
                        .report();

                Set<String> lost = ids(devices.published());
                lost.removeAll(ledger.ids());
                assertThat(lost).as("lost ids are exactly those the broker's persistence could not keep")
                        .isEqualTo(expectedLost);
                assertThat(ledger.crossingsCounted())
                        .as("visitors counted = crossings: the next AXIS total covers lost crossing messages")
                        .isEqualTo(devices.crossings());
                assertThat(ledger.inconsistentIds()).isEmpty();
                assertThat(ledger.deadLetters()).isEmpty();
            }
        }
    }

    private static long lost(KafkaLedger ledger, List<String> ids) {
        return ids.stream().filter(id -> !ledger.ids().contains(id)).count();
    }

    private static List<String> newIds(SiteDevices devices, int from) {
        return idList(devices.published().subList(from, devices.published().size()));
    }

    private static List<String> idList(List<SiteDevices.Published> published) {
        return published.stream().map(SiteDevices.Published::eventId).toList();
    }

    private static Set<String> ids(List<SiteDevices.Published> published) {
        return new HashSet<>(idList(published));
    }
}
