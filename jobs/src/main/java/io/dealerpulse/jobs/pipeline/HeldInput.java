package io.dealerpulse.jobs.pipeline;

/** An input of a site without a registry version yet, held until {@code heldUntil} (processing time). */
public class HeldInput {
    private SiteInput input;
    private long heldUntil;

    /** For Flink's POJO serializer. */
    public HeldInput() {}

    public HeldInput(SiteInput input, long heldUntil) {
        this.input = input;
        this.heldUntil = heldUntil;
    }

    public SiteInput getInput() {
        return input;
    }

    public void setInput(SiteInput input) {
        this.input = input;
    }

    public long getHeldUntil() {
        return heldUntil;
    }

    public void setHeldUntil(long heldUntil) {
        this.heldUntil = heldUntil;
    }
}
