package io.dealerpulse.agent.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: lowercase hex of HMAC-SHA256(key = UTF-8 bytes of the secret, message = UTF-8
 * bytes of the value with surrounding whitespace removed). Without the key a pseudonym cannot be
 * reversed or recomputed from a guessed badge id; with the same key the same value always gives the
 * same pseudonym, which is what lets the jobs follow an advisor or match a booking.
 *
 * <p>The appointment importer must use exactly this recipe with the network key (documented in
 * {@code docs/edge-agent.md}) so that check-ins match bookings.
 */
public final class Pseudonymizer {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public Pseudonymizer(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a pseudonymisation key must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String pseudonym(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
