package io.dealerpulse.simulator.network;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Draws a network of N dealerships from a seed: the same (N, seed) always gives the same sites.
 * Sites are spread round-robin over {@link Region#FRENCH} (so a small demo already has metropolitan
 * and overseas sites), investor groups own runs of 4 sites and every fifth site is independent, as
 * in the business (DESIGN.md: groups own 4-5 sites each). Target bands (visitors per advisor per
 * 15 minutes) are set around what the generated traffic gives with a full roster - about 0.5 to 1 -
 * so a network shows a mix of ok, under-staffed (peaks, absences) and over-staffed (quiet hours) windows.
 */
public final class NetworkGenerator {
    private static final List<String> GROUPS = List.of("groupe-lefebvre", "azur-automobiles", "nord-auto-invest",
            "ocean-motors", "atlantique-distribution", "alpes-auto");

    private NetworkGenerator() {}

    public static List<SiteProfile> generate(int sites, long seed) {
        if (sites < 1 || sites > 500) {
            throw new IllegalArgumentException("the simulator draws 1 to 500 sites, asked for " + sites);
        }
        Random random = new Random(seed);
        List<SiteProfile> result = new ArrayList<>(sites);
        int[] perRegion = new int[Region.FRENCH.size()];
        for (int i = 0; i < sites; i++) {
            int regionIndex = i % Region.FRENCH.size();
            Region region = Region.FRENCH.get(regionIndex);
            int n = ++perRegion[regionIndex];
            String town = region.towns().get((n - 1) % region.towns().size());
            String id = "FR-" + regionCode(region) + "-" + String.format(Locale.ROOT, "%03d", n);
            String group = i % 5 == 4 ? null : GROUPS.get((i / 4) % GROUPS.size());
            result.add(new SiteProfile(id, "Garage " + town + (n > region.towns().size() ? " " + n : ""), region,
                    group, hours(region, random), (4 + random.nextInt(3)) / 10.0, (12 + random.nextInt(4)) / 10.0,
                    round(region.latitude() + (random.nextDouble() - 0.5) * 0.6),
                    round(region.longitude() + (random.nextDouble() - 0.5) * 0.6),
                    45 + random.nextInt(50), 3 + random.nextInt(3), 0.35 + random.nextDouble() * 0.6,
                    kind(i), serial(random, i, kind(i))));
        }
        return List.copyOf(result);
    }

    /** Metropolitan sites open 08:00-12:00 / 13:30-18:30 (with variants); overseas sites earlier, with a longer lunch. */
    private static WeeklyHours hours(Region region, Random random) {
        boolean overseas = !region.zone().getId().equals("Europe/Paris");
        if (overseas) {
            return WeeklyHours.weekdaysAndSaturdayMorning(Interval.of("07:30", "12:00"), Interval.of("14:00", "17:30"),
                    Interval.of("07:30", "12:00"));
        }
        return switch (random.nextInt(3)) {
            case 0 -> WeeklyHours.weekdaysAndSaturdayMorning(Interval.of("08:00", "12:00"),
                    Interval.of("13:30", "18:30"), Interval.of("08:30", "12:30"));
            case 1 -> WeeklyHours.weekdaysAndSaturdayMorning(Interval.of("08:00", "12:15"),
                    Interval.of("14:00", "18:00"), Interval.of("09:00", "12:00"));
            default -> WeeklyHours.weekdaysAndSaturdayMorning(Interval.of("07:45", "12:00"),
                    Interval.of("13:45", "19:00"), Interval.of("08:00", "12:30"));
        };
    }

    private static String regionCode(Region region) {
        String[] words = region.name().split("-");
        StringBuilder code = new StringBuilder();
        for (String word : words) {
            code.append(Character.toUpperCase(word.charAt(0)));
        }
        return code.length() >= 2 ? code.toString() : region.name().substring(0, 3).toUpperCase(Locale.ROOT);
    }

    /** Half the sites count with AXIS cameras, half with Milesight counters. */
    private static CounterKind kind(int index) {
        return index % 2 == 0 ? CounterKind.AXIS : CounterKind.MILESIGHT;
    }

    /** AXIS serials start with Axis's OUI (ACCC8E), Milesight device_sn with 6600, as on real devices. */
    private static String serial(Random random, int index, CounterKind kind) {
        byte[] bytes = new byte[kind == CounterKind.AXIS ? 2 : 5];
        random.nextBytes(bytes);
        return (kind == CounterKind.AXIS ? "ACCC8E" : "6600") + String.format(Locale.ROOT, "%02X", index % 256)
                + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 10_000) / 10_000.0;
    }
}
