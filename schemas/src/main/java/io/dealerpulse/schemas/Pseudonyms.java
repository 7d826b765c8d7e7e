package io.dealerpulse.schemas;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for personal data that must never leave a site in clear (DESIGN.md "Personal
 * data"): advisor badge ids with the per-site key, appointment references with the network key
 * shared by the agents and the appointment importer, so a kiosk check-in still matches its booking.
 *
 * <p>HMAC-SHA256, truncated to 128 bits, hex. Without the key a pseudonym cannot be reversed or
 * recomputed from a guessed badge id. Instances are not thread-safe (one {@link Mac} each).
 */
public final class Pseudonyms {
    private final Mac mac;

    public Pseudonyms(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a pseudonymisation key needs at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The pseudonym of {@code value}; the same key and value always give the same pseudonym. */
    public String of(String value) {
        byte[] digest = mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
