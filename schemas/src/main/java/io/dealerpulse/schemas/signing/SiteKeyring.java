package io.dealerpulse.schemas.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;

/**
 * The verifying side: each site's signing key(s), read from a keyring in properties format, one line
 * per site, {@code SITE-ID = key [next-key]}. Two keys separated by whitespace let a site's key be
 * rotated without a gap: add the new key next to the old one, switch the agent, remove the old one.
 * Not thread-safe (one {@link Mac} per key); each deserializer instance holds its own keyring.
 */
public final class SiteKeyring {
    private final Map<String, List<Mac>> macs;

    private SiteKeyring(Map<String, List<Mac>> macs) {
        this.macs = macs;
    }

    /** Parses keyring text; a problem names the line's site, never its key. */
    public static SiteKeyring parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Mac>> macs = new HashMap<>();
        for (String site : properties.stringPropertyNames()) {
            List<Mac> keys = new ArrayList<>();
            for (String key : properties.getProperty(site).strip().split("\\s+")) {
                if (key.getBytes(StandardCharsets.UTF_8).length < RecordSignatures.MIN_KEY_BYTES) {
                    throw new IllegalArgumentException("the key of site '" + site + "' in the keyring is shorter than "
                            + RecordSignatures.MIN_KEY_BYTES + " bytes; generate keys with: openssl rand -hex 32");
                }
                keys.add(RecordSignatures.mac(key.getBytes(StandardCharsets.UTF_8)));
            }
            macs.put(site.strip(), keys);
        }
        return new SiteKeyring(macs);
    }

    /** Reads a keyring file; the message of a failure names the file and what to do. */
    public static SiteKeyring read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the site keyring " + file + " (" + e.getClass().getSimpleName()
                    + "): mount it on every Flink task manager, readable by the Flink user", e);
        }
    }

    public int size() {
        return macs.size();
    }

    /**
     * Checks one record.
     *
     * @param signingSite the {@link RecordSignatures#SITE_HEADER} value, null when absent
     * @param signature   the {@link RecordSignatures#SIGNATURE_HEADER} value, null when absent
     * @param siteId      the site the decoded record belongs to
     */
    public SignatureCheck check(String signingSite, byte[] signature, String siteId, String eventId, byte[] value) {
        if (signature == null || signingSite == null) {
            return SignatureCheck.MISSING;
        }
        if (!signingSite.equals(siteId)) {
            return SignatureCheck.SITE_MISMATCH;
        }
        List<Mac> keys = macs.get(siteId);
        if (keys == null) {
            return SignatureCheck.UNKNOWN_SITE;
        }
        for (Mac mac : keys) {
            // Constant-time comparison: the time taken says nothing about how much of a forgery matched.
            if (MessageDigest.isEqual(RecordSignatures.compute(mac, siteId, eventId, value), signature)) {
                return SignatureCheck.VALID;
            }
        }
        return SignatureCheck.BAD_SIGNATURE;
    }

    @Override
    public String toString() {
        return "SiteKeyring[" + macs.size() + " site(s), keys hidden]";
    }
}
