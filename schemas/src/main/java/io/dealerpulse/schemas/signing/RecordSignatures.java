package io.dealerpulse.schemas.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The record signature shared by the agents (which sign) and the jobs (which verify): HMAC-SHA256 with
 * the site's key over a version tag, the site id, the event id and the record's value bytes. It travels
 * in Kafka headers ({@link #SITE_HEADER}, {@link #SIGNATURE_HEADER}), so no Avro schema changes and a
 * reader that ignores headers is unaffected.
 *
 * <p>Site and event id are length-prefixed, so no two (site, event, value) triples give the same MAC
 * input. The value bytes are the Avro single-object encoding, which contains the site id again: a record
 * re-labelled for another site fails verification either way.
 */
public final class RecordSignatures {
    /** The site whose key signed the record (lets a reader pick the key before decoding). */
    public static final String SITE_HEADER = "dealerpulse-site";
    /** The 32-byte HMAC-SHA256. */
    public static final String SIGNATURE_HEADER = "dealerpulse-signature";
    /** Keys shorter than this are refused: an HMAC key needs enough entropy not to be guessed. */
    public static final int MIN_KEY_BYTES = 16;

    private static final byte[] VERSION = "dealerpulse-record-v1".getBytes(StandardCharsets.UTF_8);

    private RecordSignatures() {}

    /** A new MAC for {@code key}; not thread-safe, so each signer or verifier holds its own. */
    static Mac mac(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a signing key needs at least " + MIN_KEY_BYTES
                    + " bytes; generate one with: openssl rand -hex 32");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] compute(Mac mac, String siteId, String eventId, byte[] value) {
        mac.reset();
        mac.update(VERSION);
        update(mac, siteId.getBytes(StandardCharsets.UTF_8));
        update(mac, eventId.getBytes(StandardCharsets.UTF_8));
        update(mac, value);
        return mac.doFinal();
    }

    private static void update(Mac mac, byte[] part) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
    }
}
