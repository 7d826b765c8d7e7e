package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.pipeline.SiteInput;

/**
 * What the site KPI function tells the score function about one site, in the order it applied it:
 * an input it accepted (registry version, or an event that passed de-duplication and the too-late
 * test; null when only the clock moved) and the site clock after it (null while the site's agent has
 * sent nothing). A Flink POJO; the input's payloads are Avro records.
 */
public class ScoreSignal {
    private String siteId;
    private SiteInput input;
    private Long clock;

    /** For Flink's POJO serializer. */
    public ScoreSignal() {}

    public ScoreSignal(String siteId, SiteInput input, Long clock) {
        this.siteId = siteId;
        this.input = input;
        this.clock = clock;
    }

    /**
     * The signal for an input the site KPI function applied, with the clock after it. An input the
     * score does not read (agent status, exits, other doors) is dropped from the signal: only its
     * effect on the clock is kept.
     */
    public static ScoreSignal applied(String siteId, SiteInput input, Long clock) {
        boolean kept = input.getStream() == io.dealerpulse.jobs.pipeline.SourceStream.REGISTRY
                || ScoreRecords.needed(input);
        return new ScoreSignal(siteId, kept ? input : null, clock);
    }

    public String getSiteId() {
        return siteId;
    }

    public void setSiteId(String siteId) {
        this.siteId = siteId;
    }

    public SiteInput getInput() {
        return input;
    }

    public void setInput(SiteInput input) {
        this.input = input;
    }

    public Long getClock() {
        return clock;
    }

    public void setClock(Long clock) {
        this.clock = clock;
    }

    @Override
    public String toString() {
        return "ScoreSignal{" + siteId + " clock=" + clock + " " + input + "}";
    }
}
