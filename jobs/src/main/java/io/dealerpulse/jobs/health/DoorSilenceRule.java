package io.dealerpulse.jobs.health;

import java.util.List;

/**
 * The suspected door-sensor fault rule, on a site's open staffing windows of one local day.
 *
 * <p>At an open window W, the <em>silence</em> is the run of consecutive open windows of W's local day
 * ending at W (W included) whose {@code visitors} (reception-door entries) are 0; closed time between
 * two opening intervals does not break the run, a new local day starts a new one. The door counter
 * is suspected faulty at W when the silence covers at least {@code spanWindows} windows (the
 * configured span of opening time) and the kiosk recorded at least {@code minCheckIns} check-ins in
 * those windows: customers checked in, so they came through a door nobody counted.
 */
public final class DoorSilenceRule {
    private DoorSilenceRule() {}

    /** The counts of one open window. */
    public record WindowCounts(long visitors, long checkIns) {}

    /** The rule's answer at one window. */
    public record Silence(int silentWindows, long checkInsWhileSilent, boolean suspectedFault) {}

    /**
     * @param dayUpToW the open windows of W's local day from the first one up to W, in time order
     */
    public static Silence evaluate(List<WindowCounts> dayUpToW, int spanWindows, int minCheckIns) {
        int silent = 0;
        long checkIns = 0;
        for (int i = dayUpToW.size() - 1; i >= 0 && dayUpToW.get(i).visitors() == 0; i--) {
            silent++;
            checkIns += dayUpToW.get(i).checkIns();
        }
        return new Silence(silent, checkIns, silent >= spanWindows && checkIns >= minCheckIns);
    }
}
