package io.dealerpulse.reliability.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Searches raw bytes for personal identifiers in clear, in the encodings a careless system would
 * leave them in: UTF-8 (and so ASCII and Latin-1 for these identifiers), UTF-16 LE and BE, all three
 * in any letter case; the Base64 and the hex of the UTF-8 bytes (hex in either case). What it cannot
 * see: an identifier inside a longer Base64 text at another 3-byte alignment, compressed or
 * encrypted bytes (a keyed hash, the pseudonym, is the intended form).
 */
public final class ClearTextScan {
    /** One identifier found: which, in which encoding, where (e.g. topic/partition@offset value). */
    public record Hit(String identifier, String encoding, String where) {
        @Override
        public String toString() {
            return identifier + " (" + encoding + ") in " + where;
        }
    }

    private record Needle(String identifier, String encoding, byte[] bytes, boolean ignoreAsciiCase) {}

    private final List<Needle> needles = new ArrayList<>();

    public ClearTextScan(Collection<String> identifiers) {
        for (String id : identifiers) {
            if (id.length() < 6) {
                throw new IllegalArgumentException("identifier '" + id + "' is too short to search for without false hits");
            }
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            needles.add(new Needle(id, "UTF-8, any case", utf8, true));
            needles.add(new Needle(id, "UTF-16LE, any case", id.getBytes(StandardCharsets.UTF_16LE), true));
            needles.add(new Needle(id, "UTF-16BE, any case", id.getBytes(StandardCharsets.UTF_16BE), true));
            needles.add(new Needle(id, "Base64 of UTF-8", Base64.getEncoder().encodeToString(utf8)
                    .replace("=", "").getBytes(StandardCharsets.US_ASCII), false));
            needles.add(new Needle(id, "hex of UTF-8", HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII), true));
        }
    }

    /** Every identifier found in {@code bytes} (null: nothing), one hit per identifier and encoding. */
    public List<Hit> scan(String where, byte[] bytes) {
        List<Hit> hits = new ArrayList<>();
        if (bytes == null) {
            return hits;
        }
        for (Needle needle : needles) {
            if (contains(bytes, needle.bytes(), needle.ignoreAsciiCase())) {
                hits.add(new Hit(needle.identifier(), needle.encoding(), where));
            }
        }
        return hits;
    }

    public List<Hit> scan(String where, String text) {
        return scan(where, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean contains(byte[] haystack, byte[] needle, boolean ignoreAsciiCase) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte a = haystack[i + j];
                byte b = needle[j];
                if (a != b && !(ignoreAsciiCase && lower(a) == lower(b))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
