package io.dealerpulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dealerpulse.schemas.SampleEvents;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Robustness of {@link AvroCodec#decode(byte[])} against corrupt bytes, run in the normal test run:
 * seeded mutations (bit flips, truncation, inserted bytes, huge varints, empty and NUL input) of the
 * encodings of {@link SampleEvents#oneOfEach()}. Every input must give a record or an
 * {@link UndecodableRecordException}; anything else fails with the input that caused it.
 *
 * <p>Huge varints are written where lengths and counts sit, so a codec that allocated what a corrupt
 * length announces would hit OutOfMemoryError here. Avro 1.12.2 checks string and bytes lengths against
 * the bytes remaining and sizes collections from them ({@code ensureAvailableBytes},
 * {@code initialCollectionCapacity}), so no cap is needed: this test was also run with
 * {@code -DargLine=-Xmx64m} and passed, its corrupt lengths ending as "Attempted to read N bytes, but
 * only N bytes are available" and "Collection claims N elements ... but only N bytes are available".
 */
class AvroCodecRobustnessTest {
    static final int INPUTS = 2_000;
    static final long SEED = 0xAB_C0DECL;
    private final AvroCodec codec = AvroCodec.released();

    @Test
    void everyMutatedEncodingDecodesOrIsUndecodable() {
        List<byte[]> seeds = SampleEvents.oneOfEach().stream().map(codec::encode).toList();
        Random random = new Random(SEED);
        Map<UndecodableRecordException.Reason, Integer> reasons = new EnumMap<>(UndecodableRecordException.Reason.class);
        int decoded = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = i < seeds.size() ? seeds.get(i) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                SpecificRecord record = codec.decode(input);
                assertThat(record).as("decoded input #%d %s", i, show(input)).isNotNull();
                decoded++;
            } catch (UndecodableRecordException e) {
                assertThat(e.reason()).as("reason for input #%d %s", i, show(input)).isNotNull();
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable e) {
                fail("AvroCodec.decode threw %s (only UndecodableRecordException is declared) on input #%d (seed %d) %s"
                        .formatted(e, i, SEED, show(input)), e);
            }
        }
        assertThat(decoded).as("the valid seeds at least decode").isGreaterThanOrEqualTo(seeds.size());
        assertThat(reasons).as("mutations reach past the header into the body")
                .containsKeys(UndecodableRecordException.Reason.NOT_SINGLE_OBJECT,
                        UndecodableRecordException.Reason.UNKNOWN_SCHEMA,
                        UndecodableRecordException.Reason.CORRUPT_AVRO);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            out = once(out, random);
        }
        return out;
    }

    /** Most mutations land in the body (past the 10-byte header) to exercise Avro, not the header check. */
    private static byte[] once(byte[] in, Random random) {
        int bodyStart = Math.min(in.length, AvroCodec.HEADER_LENGTH);
        int at = random.nextInt(10) == 0 ? random.nextInt(in.length + 1)
                : bodyStart + random.nextInt(in.length - bodyStart + 1);
        switch (random.nextInt(6)) {
            case 0: { // bit flip
                if (at >= in.length) return in;
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1: // truncation
                return Arrays.copyOf(in, at);
            case 2: // byte insertion, often NUL
                return splice(in, at, 0, new byte[] {random.nextInt(4) == 0 ? 0 : (byte) random.nextInt(256)});
            case 3: // empty or NUL-only input
                return random.nextBoolean() ? new byte[0] : new byte[1 + random.nextInt(16)];
            default: { // a huge (or huge negative) zig-zag varint overwriting what sits there, e.g. a length
                long value = switch (random.nextInt(4)) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> Long.MIN_VALUE;
                    default -> (1L << (20 + random.nextInt(40))) * (random.nextBoolean() ? 1 : -1);
                };
                byte[] varint = zigZagVarint(value);
                int remove = Math.min(random.nextInt(3), in.length - at);
                return splice(in, at, remove, varint);
            }
        }
    }

    private static byte[] zigZagVarint(long value) {
        long n = (value << 1) ^ (value >> 63);
        byte[] buffer = new byte[10];
        int length = 0;
        while ((n & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[length++] = (byte) n;
        return Arrays.copyOf(buffer, length);
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static String show(byte[] input) {
        return input.length + " bytes: " + HexFormat.of().formatHex(input);
    }
}
