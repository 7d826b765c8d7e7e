package io.dealerpulse.jobs.kpi;

import io.dealerpulse.events.SiteRegistryVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every registry version of one site, by {@code effective_from}. The version with the greatest
 * {@code effective_from} ≤ an instant is in force at it; a window uses the version in force at its
 * start (time zone, hours, exceptions, target band, tags). A second version with the same
 * {@code effective_from} replaces the first (the registry topic is compacted on that key).
 */
public final class RegistryHistory {
    private final TreeMap<Instant, VersionedCalendar> versions = new TreeMap<>();

    public RegistryHistory() {}

    public RegistryHistory(Collection<SiteRegistryVersion> versions) {
        versions.forEach(this::add);
    }

    public void add(SiteRegistryVersion version) {
        versions.put(version.getEffectiveFrom(), new VersionedCalendar(version, new SiteCalendar(version)));
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    public Optional<VersionedCalendar> inForceAt(Instant t) {
        Map.Entry<Instant, VersionedCalendar> entry = versions.floorEntry(t);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /**
     * The slot containing {@code t} with the version in force at that slot's start, or empty when no
     * version is in force there (no window exists).
     */
    public Optional<SlotInForce> slotAt(Instant t) {
        Optional<VersionedCalendar> atT = inForceAt(t);
        if (atT.isEmpty()) {
            return Optional.empty();
        }
        Slot slot = atT.get().calendar().slotContaining(t);
        if (slot.start().isBefore(atT.get().effectiveFrom())) {
            // The version took effect inside this slot: the slot belongs to the previous version.
            Optional<VersionedCalendar> atStart = inForceAt(slot.start());
            if (atStart.isEmpty()) {
                return Optional.empty();
            }
            slot = atStart.get().calendar().slotContaining(t);
            return Optional.of(new SlotInForce(slot, atStart.get()));
        }
        return Optional.of(new SlotInForce(slot, atT.get()));
    }

    /** Whether {@code t} falls in an open window of the site. */
    public boolean isOpenAt(Instant t) {
        return slotAt(t).map(s -> s.calendar().calendar().isOpen(s.slot())).orElse(false);
    }

    /** Open slots whose start is in [from, to), each with the version in force at its start, in time order. */
    public List<SlotInForce> openSlotsStartingIn(Instant from, Instant to) {
        List<SlotInForce> result = new ArrayList<>();
        List<VersionedCalendar> ordered = new ArrayList<>(versions.values());
        for (int i = 0; i < ordered.size(); i++) {
            VersionedCalendar version = ordered.get(i);
            Instant validFrom = max(from, version.effectiveFrom());
            Instant validTo = i + 1 < ordered.size() ? min(to, ordered.get(i + 1).effectiveFrom()) : to;
            if (!validFrom.isBefore(validTo)) {
                continue;
            }
            SiteCalendar calendar = version.calendar();
            LocalDate last = calendar.localDate(validTo);
            for (LocalDate date = calendar.localDate(validFrom); !date.isAfter(last); date = date.plusDays(1)) {
                for (Slot slot : calendar.openSlots(date)) {
                    if (!slot.start().isBefore(validFrom) && slot.start().isBefore(validTo)) {
                        result.add(new SlotInForce(slot, version));
                    }
                }
            }
        }
        return result;
    }

    /** End of the local day containing {@code t}, in the zone of the version in force at {@code t} (empty if none). */
    public Optional<Instant> dayEndOf(Instant t) {
        return inForceAt(t).map(v -> v.calendar().dayEnd(v.calendar().localDate(t)));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A registry version with its calendar. */
    public record VersionedCalendar(SiteRegistryVersion version, SiteCalendar calendar) {
        public Instant effectiveFrom() {
            return version.getEffectiveFrom();
        }
    }

    /** A slot with the registry version in force at its start (open or not: ask its calendar). */
    public record SlotInForce(Slot slot, VersionedCalendar calendar) {}

}
