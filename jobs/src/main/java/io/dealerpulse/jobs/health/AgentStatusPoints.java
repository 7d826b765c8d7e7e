package io.dealerpulse.jobs.health;

import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.pipeline.SourceStream;
import io.dealerpulse.jobs.sink.InfluxPoint;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One {@code agent_status} point per decoded heartbeat, at its agent time. Stateless: a heartbeat is a
 * fact about its instant, so one replayed or arriving out of order rewrites its own point only.
 */
final class AgentStatusPoints implements FlatMapFunction<SiteInput, InfluxPoint> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(SiteInput input, Collector<InfluxPoint> out) {
        if (input.getStream() == SourceStream.AGENT_STATUS && !input.carriesDeadLetter()) {
            out.collect(HealthPoints.agentStatus(input.getAgentStatus()));
        }
    }
}
