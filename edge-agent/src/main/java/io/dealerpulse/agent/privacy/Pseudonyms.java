package io.dealerpulse.agent.privacy;

import java.nio.charset.StandardCharsets;

/**
 * The agent's two pseudonym domains (DESIGN.md "Personal data"), both computed with the shared recipe
 * of {@link io.dealerpulse.schemas.Pseudonyms} (HMAC-SHA256, 128 bits, hex): advisor badge ids under
 * the per-site key, appointment references under the network key that the appointment importer also
 * uses, so a check-in still matches its booking. Keys are the UTF-8 bytes of the configured secrets.
 *
 * <p>Synchronized because the underlying {@code Mac}s are not thread-safe.
 */
public final class Pseudonyms {
    private final io.dealerpulse.schemas.Pseudonyms siteKey;
    private final io.dealerpulse.schemas.Pseudonyms networkKey;

    private Pseudonyms(String siteSecret, String networkSecret) {
        this.siteKey = new io.dealerpulse.schemas.Pseudonyms(siteSecret.getBytes(StandardCharsets.UTF_8));
        this.networkKey = new io.dealerpulse.schemas.Pseudonyms(networkSecret.getBytes(StandardCharsets.UTF_8));
    }

    public static Pseudonyms of(String siteSecret, String networkSecret) {
        return new Pseudonyms(siteSecret, networkSecret);
    }

    public synchronized String advisorBadge(String badgeId) {
        return siteKey.of(badgeId);
    }

    public synchronized String appointmentRef(String reference) {
        return networkKey.of(reference);
    }

    /** A stable digest of site-private data (e.g. a raw kiosk payload) that cannot be recomputed off-site. */
    public synchronized String siteDigest(String value) {
        return siteKey.of(value);
    }
}
