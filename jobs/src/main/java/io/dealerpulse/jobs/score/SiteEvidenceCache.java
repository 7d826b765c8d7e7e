package io.dealerpulse.jobs.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link SiteEvidence} of the sites an operator instance scored most recently, by site id. Not
 * state: it is a copy of what the keyed state holds, so a restore, a rescale or an eviction only
 * costs one rebuild from state on the site's next signal. Bounded, least recently used first out, so
 * a subtask with very many sites (or a BATCH run going through every site once) keeps only the ones
 * it is working on.
 */
final class SiteEvidenceCache {
    private final Map<String, SiteEvidence> sites;

    SiteEvidenceCache(int capacity) {
        this.sites = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SiteEvidence> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached evidence of the site, or null. */
    SiteEvidence get(String site) {
        return sites.get(site);
    }

    void put(String site, SiteEvidence evidence) {
        sites.put(site, evidence);
    }

    /** Drops the site's copy: its state changed in a way the copy does not follow. */
    void invalidate(String site) {
        sites.remove(site);
    }
}
