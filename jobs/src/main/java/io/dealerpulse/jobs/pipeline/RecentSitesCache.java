package io.dealerpulse.jobs.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory copies of what the keyed state holds for the sites an operator instance worked on most
 * recently (a site's activity records, its score evidence), by site id. Not state: a restore, a
 * rescale or an eviction only costs one rebuild from state on the site's next input. Bounded, least
 * recently used first out, so a subtask with very many sites (or a BATCH run going through every site
 * once) keeps only the ones it is working on.
 */
public final class RecentSitesCache<V> {
    private final Map<String, V> sites;

    public RecentSitesCache(int capacity) {
        this.sites = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached copy of the site, or null. */
    public V get(String site) {
        return sites.get(site);
    }

    public void put(String site, V copy) {
        sites.put(site, copy);
    }

    /** Drops the site's copy: its state changed in a way the copy does not follow. */
    public void invalidate(String site) {
        sites.remove(site);
    }
}
