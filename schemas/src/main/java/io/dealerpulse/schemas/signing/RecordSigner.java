package io.dealerpulse.schemas.signing;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * Signs the records of one site with that site's key (see {@link RecordSignatures}). Not thread-safe:
 * the agent's single forwarding thread owns one.
 */
public final class RecordSigner {
    private final String siteId;
    private final Mac mac;

    /** @param key the site key's text (as read from {@code env:}/{@code file:}); its UTF-8 bytes are the HMAC key */
    public RecordSigner(String siteId, String key) {
        this.siteId = siteId;
        this.mac = RecordSignatures.mac(key.getBytes(StandardCharsets.UTF_8));
    }

    public String siteId() {
        return siteId;
    }

    /** The value of the {@link RecordSignatures#SIGNATURE_HEADER} header for this record. */
    public byte[] sign(String eventId, byte[] value) {
        return RecordSignatures.compute(mac, siteId, eventId, value);
    }

    @Override
    public String toString() {
        return "RecordSigner[site " + siteId + ", key hidden]";
    }
}
