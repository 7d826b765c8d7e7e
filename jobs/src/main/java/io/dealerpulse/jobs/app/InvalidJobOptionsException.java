package io.dealerpulse.jobs.app;

import java.util.List;

/** The job's options are wrong; the message lists every problem, one line per key, with what to do. */
public final class InvalidJobOptionsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidJobOptionsException(List<String> problems) {
        super("The DealerPulse job cannot start, " + problems.size() + " configuration problem(s):\n  - "
                + String.join("\n  - ", problems) + "\nEvery key is described in docs/jobs.md.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
