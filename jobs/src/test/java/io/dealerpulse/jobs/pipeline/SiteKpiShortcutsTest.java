package io.dealerpulse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.scenario.DealershipDayScenario;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link SiteKpiFunction}'s two shortcuts must change nothing it writes: the in-memory copy of each
 * site's activity ({@link RecentSitesCache}) and recomputing only the closed windows an input can
 * change ({@link ClosedWindowImpact}). The reference is the function without either
 * ({@link SiteKpiFunction#recomputingEveryCorrectableWindow}): every computation rebuilds the activity
 * from state, and every late input or input that can change a closed window recomputes every
 * correctable window. The same points must come out, in the same order.
 */
class SiteKpiShortcutsTest {
    private static final KpiOptions OPTIONS = KpiOptions.defaults().withAccountingOnEveryEvent(true);

    /**
     * The first week of the six-site network scenario, read in the order the ITs publish it (daily
     * cleanups, bookings made days ahead, late and re-sent events), with the product's cache, and with
     * a one-site cache that six sites evict constantly.
     */
    @Test
    void overAWeekOfSixSitesTheShortcutsWriteWhatTheReferenceWrites() throws Exception {
        List<SiteInput> inputs = new ArrayList<>();
        // The first week (daily cleanups, bookings made days ahead, late and re-sent events), in publish order.
        Instant weekEnd = NetworkScenario.FIRST_DAY.plusDays(7).atStartOfDay(NetworkScenario.ZONE).toInstant();
        for (List<Send> phase : NetworkScenario.build().publication().phases()) {
            for (Send send : phase) {
                if (!send.corrupt() && send.sendTime().isBefore(weekEnd)) {
                    inputs.add(RestartAndReplay.envelope(send.record()));
                }
            }
        }
        List<InfluxPoint> rebuilt = run(SiteKpiFunction.recomputingEveryCorrectableWindow(OPTIONS), inputs);
        List<InfluxPoint> cached = run(new SiteKpiFunction(OPTIONS), inputs);
        List<InfluxPoint> evicted = run(new SiteKpiFunction(OPTIONS, 1), inputs);

        List<InfluxPoint> windows = rebuilt.stream()
                .filter(p -> p.getMeasurement().equals(KpiPoints.STAFFING_WINDOW)).toList();
        Instant first = Instant.ofEpochMilli(windows.get(0).getTimestampMillis());
        Instant last = Instant.ofEpochMilli(windows.get(windows.size() - 1).getTimestampMillis());
        // Days far beyond the allowed lateness: the sites' retained events were cleaned up many times.
        assertThat(Duration.between(first, last)).isGreaterThan(Duration.ofDays(5));
        assertThat(windows.size()).as("window writes").isGreaterThan(1_000);
        assertThat(cached).as("with the cache").isEqualTo(rebuilt);
        assertThat(evicted).as("with a one-site cache").isEqualTo(rebuilt);
    }

    /**
     * One site's day read in any legal order (topics lagging behind by up to hundreds of records, so
     * many inputs are late on the site clock, plus redeliveries): the case the narrowed recomputation of
     * late inputs must get right.
     */
    @Property(tries = 12, seed = "20261123", shrinking = ShrinkingMode.BOUNDED)
    void inAnyLegalReadOrderTheShortcutsWriteWhatTheReferenceWrites(
            @ForAll @LongRange(min = 1, max = 1_000_000) long scenarioSeed,
            @ForAll @IntRange(min = 0, max = 3) int siteIndex,
            @ForAll long orderSeed,
            @ForAll @IntRange(min = 1, max = 400) int maxRun,
            @ForAll @IntRange(min = 0, max = 30) int redeliveries) throws Exception {
        String site = DealershipDayScenario.SITES.get(siteIndex).id();
        List<SiteInput> inputs = new ArrayList<>();
        for (Send send : ArrivalOrders.merge(DealershipDayScenario.build(scenarioSeed).sends(s -> !s.corrupt()
                && site.equals(String.valueOf(s.record().get(s.record().getSchema().getField("site_id").pos())))),
                orderSeed, maxRun, redeliveries)) {
            inputs.add(RestartAndReplay.envelope(send.record()));
        }
        List<InfluxPoint> reference = run(SiteKpiFunction.recomputingEveryCorrectableWindow(OPTIONS), inputs);
        assertThat(reference.stream().filter(p -> p.getMeasurement().equals(KpiPoints.STAFFING_WINDOW)).count())
                .as("window writes").isGreaterThan(20);
        assertThat(run(new SiteKpiFunction(OPTIONS), inputs)).isEqualTo(reference);
    }

    /**
     * The points written; at the end, every site's cached copy (when there is one) must hold exactly
     * as many records as state holds retained events: cleanups must reach the copy, or it grows forever.
     */
    private static List<InfluxPoint> run(SiteKpiFunction function, List<SiteInput> inputs) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                        SiteInput::getSiteId, Types.STRING)) {
            harness.open();
            for (SiteInput input : inputs) {
                harness.processElement(new StreamRecord<>(input));
            }
            KeyedStateBackend<String> backend =
                    ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
            MapStateDescriptor<String, SiteInput> retained = new MapStateDescriptor<>("retained-events", Types.STRING,
                    TypeInformation.of(SiteInput.class));
            for (String site : sites(inputs)) {
                SiteActivity copy = function.cachedActivity(site);
                if (copy != null) {
                    backend.setCurrentKey(site);
                    int inState = 0;
                    for (String ignored : backend.getPartitionedState(VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE, retained).keys()) {
                        inState++;
                    }
                    assertThat(copy.size()).as("records cached for %s", site).isEqualTo(inState);
                }
            }
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    private static Set<String> sites(List<SiteInput> inputs) {
        Set<String> sites = new TreeSet<>();
        inputs.forEach(input -> sites.add(input.getSiteId()));
        return sites;
    }
}
