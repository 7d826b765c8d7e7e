package io.dealerpulse.agent.ingest;

import io.dealerpulse.agent.decode.CounterState;
import io.dealerpulse.agent.outbox.OutboxEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one group commit writes (entries and the counters' final states) and, once it is durable,
 * what it counts: metrics are applied only after the commit, so a retried batch is not counted twice.
 */
final class BatchResult {
    final List<OutboxEntry> entries = new ArrayList<>();
    final Map<String, CounterState> counters = new LinkedHashMap<>();
    final List<String> rejectReasons = new ArrayList<>();
    int events;
    int ignored;
    int quarantineEvictions;
}
