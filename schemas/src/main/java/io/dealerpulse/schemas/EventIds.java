package io.dealerpulse.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable event ids: a hash of the parts DESIGN.md names for each source (device identity and
 * counter state or interval, never receive time), so a redelivered message maps to the same id.
 *
 * <p>Each part is length-prefixed before hashing so that ("ab","c") and ("a","bc") differ.
 */
public final class EventIds {
    private EventIds() {}

    /** 128-bit SHA-256 prefix of the parts, as 32 lowercase hex characters. */
    public static String of(Object... parts) {
        MessageDigest digest = sha256();
        for (Object part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            digest.update(intBytes(bytes.length));
            digest.update(bytes);
        }
        byte[] hash = digest.digest();
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
