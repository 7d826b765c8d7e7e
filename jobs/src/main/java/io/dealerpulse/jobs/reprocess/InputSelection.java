package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import java.io.Serializable;
import java.time.Instant;

/**
 * Which records of one input topic a reprocessing reads, and the record timestamp each gets.
 *
 * <h2>Selection: by the record's own times</h2>
 * Agent streams (footfall, kiosk, heartbeats) and surveys by event time (a survey's is the time the
 * importer received it, which is when the score starts using it). An appointment by the later of
 * its action time and its scheduled time: a booking made months ahead still applies to a window in
 * the range. Every registry version is read: a site's history needs the versions in force before
 * the range, and the topic is small and compacted.
 *
 * <h2>Timestamps: why event time, and registry versions first</h2>
 * In BATCH mode Flink sorts the input of every keyed operator by key and then by record timestamp
 * (the order within equal timestamps is not defined); it does not keep Kafka's per-partition order.
 * The site KPI function's clock is the latest agent event time of the site, so feeding each site's
 * events in event-time order makes its clock advance as it would for a live site that never fell
 * behind: no event is late, windows close in order, every minute score is evaluated after every
 * event at or before it. Registry versions get {@link Long#MIN_VALUE} so each site's whole history
 * is known before its first event (a version is only applied to windows starting at or after its
 * {@code effective_from}, so knowing it early changes nothing; read late, it would hold the site's
 * events). Downstream keyed operators (site scores, daily comparisons) inherit these timestamps,
 * and so see the site function's output in the same order. Equal timestamps are harmless: events at
 * one instant give the same clock, whatever their order.
 */
public final class InputSelection<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One of a record's times. */
    @FunctionalInterface
    public interface Time<T> extends Serializable {
        Instant of(T record);
    }

    private final Time<T> latestRelevant;
    private final Time<T> sortTime;

    /**
     * @param latestRelevant the latest time the record can matter at: read if at or after the warm-up's start
     * @param sortTime when the record happened: read if before the tail's end; the BATCH sort timestamp
     *     (null for both: always read, sorted first)
     */
    private InputSelection(Time<T> latestRelevant, Time<T> sortTime) {
        this.latestRelevant = latestRelevant;
        this.sortTime = sortTime;
    }

    public static InputSelection<FootfallEvent> footfall() {
        return new InputSelection<>(FootfallEvent::getEventTime, FootfallEvent::getEventTime);
    }

    public static InputSelection<KioskEvent> kiosk() {
        return new InputSelection<>(KioskEvent::getEventTime, KioskEvent::getEventTime);
    }

    public static InputSelection<AgentStatus> agentStatus() {
        return new InputSelection<>(AgentStatus::getEventTime, AgentStatus::getEventTime);
    }

    public static InputSelection<SurveyResponse> surveys() {
        return new InputSelection<>(SurveyResponse::getEventTime, SurveyResponse::getEventTime);
    }

    /** Relevant until the later of action and scheduled time; happened (and sorted) at its action time. */
    public static InputSelection<AppointmentEvent> appointments() {
        return new InputSelection<>(a -> later(a.getEventTime(), a.getScheduledTime()), AppointmentEvent::getEventTime);
    }

    public static InputSelection<SiteRegistryVersion> registry() {
        return new InputSelection<>(null, null);
    }

    /** Whether a reprocessing of {@code range} reads {@code record}. */
    public boolean selected(T record, ReprocessRange range) {
        if (sortTime == null) {
            return true;
        }
        Instant relevant = latestRelevant.of(record);
        Instant happened = sortTime.of(record);
        return relevant != null && happened != null
                && !relevant.isBefore(range.readFrom()) && happened.isBefore(range.readUntil());
    }

    /** The record timestamp Flink sorts each key's input by in BATCH mode. */
    public long timestamp(T record) {
        return sortTime == null ? Long.MIN_VALUE : sortTime.of(record).toEpochMilli();
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
