package io.dealerpulse.demo.pipeline;

import io.dealerpulse.demo.view.LiveBoard;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The back-fill's pace: waits until the demo's job has received, per input stream, at least what was
 * published, from the job's own {@code stream_accounting} totals (written after every input, seen in
 * this JVM by the {@link LiveBoard}).
 */
public final class JobReadBarrier implements HistoryBackfill.ReadBarrier {
    private static final Map<Topic, String> STREAMS = Map.of(
            Topic.FOOTFALL, "footfall", Topic.KIOSK, "kiosk", Topic.AGENT_STATUS, "agent-status",
            Topic.APPOINTMENTS, "appointment", Topic.SURVEYS, "survey", Topic.SITE_REGISTRY, "registry");

    private final LiveBoard board;
    private final Duration timeout;

    public JobReadBarrier(LiveBoard board, Duration timeout) {
        this.board = board;
        this.timeout = timeout;
    }

    /**
     * Waits while the job makes progress: on a busy machine catching up a slice can take minutes, which
     * is slow but fine; {@code timeout} without a single record read is a job that is stuck.
     */
    @Override
    public void awaitRead(Map<Topic, Long> published) throws InterruptedException {
        long readSoFar = readSoFar(published);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allRead(published)) {
            long read = readSoFar(published);
            if (read > readSoFar) {
                readSoFar = read;
                deadline = System.nanoTime() + timeout.toNanos();
            } else if (System.nanoTime() > deadline) {
                Map<String, Long> received = new TreeMap<>();
                published.keySet().forEach(t -> received.put(STREAMS.get(t), board.received(STREAMS.get(t))));
                throw new IllegalStateException("the job has read nothing of the back-fill for " + timeout.toSeconds()
                        + " s: published " + published + ", received " + received
                        + " - see the Flink log in $TMPDIR/dealerpulse-demo.log");
            }
            Thread.sleep(2);
        }
    }

    private long readSoFar(Map<Topic, Long> published) {
        return published.keySet().stream().mapToLong(t -> board.received(STREAMS.get(t))).sum();
    }

    private boolean allRead(Map<Topic, Long> published) {
        return published.entrySet().stream().allMatch(e -> board.received(STREAMS.get(e.getKey())) >= e.getValue());
    }
}
