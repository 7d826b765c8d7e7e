package io.dealerpulse.agent.decode;

import static io.dealerpulse.agent.SiteFixture.KIOSK;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_SN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dealerpulse.events.FootfallEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Robustness of the device decoders against corrupt and hostile payloads, run in the normal test
 * run: valid payloads from the decoders' unit-test fixtures plus seeded mutations (bit flips,
 * truncation, inserted bytes, duplicated keys, wrong JSON types, huge numbers, deep nesting, empty
 * and NUL payloads). Each input must either decode or be rejected with a {@link PayloadException}
 * carrying a reason (the {@link DeviceDecoder} contract); any other throwable, or a negative count,
 * fails with the input that caused it. Seeded {@link Random} keeps every run, and every failure,
 * reproducible; the count is bounded so each target stays well under a few seconds.
 */
class DecoderRobustnessTest {
    static final int INPUTS_PER_TARGET = 2_000;
    static final long SEED = 0x5EED_D0C5L;
    static final Instant OPENING = AxisCrosslineDecoderTest.OPENING;

    @Test
    void axisDecodesOrRejectsEveryMutatedCrossing() {
        List<DeviceMessage> seeds = List.of(
                AxisCrosslineDecoderTest.crossing(AxisCrosslineDecoderTest.TOPIC, OPENING,
                        AxisCrosslineDecoderTest.RESET_AT_SIX, 405),
                AxisCrosslineDecoderTest.crossing(AxisCrosslineDecoderTest.TOPIC, OPENING.plusSeconds(10),
                        AxisCrosslineDecoderTest.RESET_AT_SIX, 406),
                AxisCrosslineDecoderTest.crossing(AxisCrosslineDecoderTest.TOPIC, OPENING.plusSeconds(3700),
                        AxisCrosslineDecoderTest.RESET_AT_NINE, 2));
        assertOnlyDeclaredOutcomes(new AxisCrosslineDecoder(), seeds);
    }

    @Test
    void milesightDecodesOrRejectsEveryMutatedReport() {
        List<DeviceMessage> seeds = List.of(
                MilesightVs12xDecoderTest.report(MILESIGHT_SN, MilesightVs12xDecoderTest.FIRST_0230,
                        MilesightVs12xDecoderTest.FIRST_0231, "4", "2"),
                MilesightVs12xDecoderTest.report(MILESIGHT_SN, MilesightVs12xDecoderTest.SECOND_0230,
                        MilesightVs12xDecoderTest.SECOND_0231, "3", "0"));
        assertOnlyDeclaredOutcomes(new MilesightVs12xDecoder(), seeds);
    }

    @Test
    void genericCounterDecodesOrRejectsEveryMutatedInterval() {
        List<DeviceMessage> seeds = List.of(GenericCounterDecoderTest.interval("""
                {"device_id":"door-2","line_id":"main","interval_start":"2025-11-24T09:14:00+01:00",
                 "interval_end":"2025-11-24T09:15:00+01:00","in":4,"out":0}"""));
        assertOnlyDeclaredOutcomes(new GenericCounterDecoder(), seeds);
    }

    @Test
    void genericKioskDecodesOrRejectsEveryMutatedMessage() {
        List<DeviceMessage> seeds = List.of(
                GenericKioskDecoderTest.kiosk("""
                        {"site_id":"FR-PARIS-01","kiosk_id":"%s","message_id":"000042","type":"CHECK_IN",
                         "time":"2025-11-24T09:14:05+01:00","visit_id":"V-1042","appointment_ref":"APT-55012"}"""
                        .formatted(KIOSK)),
                GenericKioskDecoderTest.kiosk("""
                        {"kiosk_id":"%s","message_id":"000043","type":"SIGN_ON","time":"2025-11-24T09:00:00+01:00",
                         "badge_id":"B-7781"}""".formatted(KIOSK)),
                GenericKioskDecoderTest.kiosk("""
                        {"kiosk_id":"%s","message_id":"9","type":"FEEDBACK","time":"2025-11-24T09:00:00+01:00",
                         "feedback":3}""".formatted(KIOSK)));
        assertOnlyDeclaredOutcomes(new GenericKioskDecoder(), seeds);
    }

    /**
     * One context for the whole run, committing every result as the outbox would, so mutated inputs
     * also meet counter states left by earlier ones (resets, stale totals, jumps).
     */
    private static void assertOnlyDeclaredOutcomes(DeviceDecoder decoder, List<DeviceMessage> seeds) {
        Random random = new Random(SEED);
        TestContext context = new TestContext();
        int decoded = 0;
        Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < INPUTS_PER_TARGET; i++) {
            DeviceMessage seed = seeds.get(random.nextInt(seeds.size()));
            // The unmutated seeds go first so the counters start from real states.
            byte[] payload = i < seeds.size() ? seeds.get(i).payload() : JsonMutator.mutate(seed.payload(), random);
            DeviceMessage input = new DeviceMessage(seed.topic(), payload, seed.receivedTime());
            try {
                Decoded result = context.commit(decoder.decode(input, context));
                assertWellFormed(result, input, i);
                if (result.rejection().isPresent()) {
                    reasons.merge(result.rejection().get().reason(), 1, Integer::sum);
                } else {
                    decoded++;
                }
            } catch (PayloadException e) {
                assertDeclaredReason(e, i, input);
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable e) {
                fail("%s threw %s (only PayloadException is declared) on input #%d (seed %d) %s"
                        .formatted(decoder.format(), e, i, SEED, show(input)), e);
            }
        }
        assertThat(decoded).as("valid seeds and harmless mutations decode").isPositive();
        assertThat(reasons).as("mutations break the JSON and its fields")
                .containsKeys(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE);
    }

    /** DECODER_FAILURE is the message processor's safety net for decoder bugs, never a decoder's verdict. */
    private static void assertDeclaredReason(PayloadException e, int index, DeviceMessage input) {
        assertThat(e.reason()).as("reject reason of input #%d %s", index, show(input))
                .isNotNull().isNotEqualTo(RejectReason.DECODER_FAILURE);
    }

    private static void assertWellFormed(Decoded result, DeviceMessage input, int index) {
        assertThat(result).as("result of input #%d", index).isNotNull();
        result.rejection().ifPresent(e -> assertDeclaredReason(e, index, input));
        for (SpecificRecord event : result.events()) {
            if (event instanceof FootfallEvent footfall) {
                assertThat(footfall.getCount()).as("count of input #%d %s", index, show(input)).isNotNegative();
            }
        }
        for (CounterState state : result.counterUpdates()) {
            assertThat(state.total()).as("counter total of input #%d %s", index, show(input)).isNotNegative();
        }
    }

    private static String show(DeviceMessage input) {
        byte[] payload = input.payload();
        String text = new String(payload, 0, Math.min(payload.length, 400), StandardCharsets.UTF_8);
        return "on " + input.topic() + ", " + payload.length + " bytes: " + text
                + (payload.length <= 400 ? " (hex " + HexFormat.of().formatHex(payload) + ")" : "...");
    }

    /** Seeded structure-blind and JSON-aware mutations of a valid payload. */
    static final class JsonMutator {
        private static final String[] WRONG_VALUES = {
                "null", "true", "[]", "{}", "\"\"", "\"x\"", "-1", "1.5", "-0", "1e999", "-1e999",
                "99999999999999999999999999999", "\"99999999999999999999\"", "9223372036854775807",
                "\"-9223372036854775808\"", "\"  7 \"", "\"\\u0000\"", "[1,2]", "{\"in\":1}", "\"2025-13-45T99:99:99Z\""};

        private JsonMutator() {}

        static byte[] mutate(byte[] valid, Random random) {
            byte[] out = valid.clone();
            int rounds = 1 + random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                out = once(out, random);
            }
            return out;
        }

        private static byte[] once(byte[] in, Random random) {
            switch (random.nextInt(10)) {
                case 0: { // bit flip
                    if (in.length == 0) return in;
                    byte[] out = in.clone();
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    return out;
                }
                case 1: // truncation
                    return java.util.Arrays.copyOf(in, in.length == 0 ? 0 : random.nextInt(in.length));
                case 2: { // byte insertion, including NUL and invalid UTF-8
                    int at = random.nextInt(in.length + 1);
                    byte inserted = random.nextInt(4) == 0 ? 0 : (byte) random.nextInt(256);
                    return splice(in, at, 0, new byte[] {inserted});
                }
                case 3: // empty or NUL-only payload
                    return random.nextBoolean() ? new byte[0] : new byte[1 + random.nextInt(8)];
                case 4: // deep nesting, past Jackson's default depth limit or just below it
                    return deepNesting(in, random);
                default:
                    return jsonAware(in, random);
            }
        }

        /** Duplicates a key or replaces a value with a wrong type or a huge number. */
        private static byte[] jsonAware(byte[] in, Random random) {
            String text = new String(in, StandardCharsets.UTF_8);
            List<int[]> values = valueSpans(text);
            if (values.isEmpty()) return in;
            int[] span = values.get(random.nextInt(values.size()));
            String replacement = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
            if (random.nextInt(3) == 0) {
                // duplicated key: "key":value,"key":<other value> (Jackson keeps the last one)
                String key = text.substring(span[2], span[0]);
                replacement = text.substring(span[0], span[1]) + "," + key + replacement;
            }
            return (text.substring(0, span[0]) + replacement + text.substring(span[1])).getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Spans of scalar values following {@code "key":}: {start of value, end of value, start of key}.
         * A plain scan is enough for the fixtures (no escaped quotes in them).
         */
        private static List<int[]> valueSpans(String text) {
            List<int[]> spans = new ArrayList<>();
            for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
                if (colon == 0 || text.charAt(colon - 1) != '"') continue;
                int keyStart = text.lastIndexOf('"', colon - 2);
                if (keyStart < 0) continue;
                int start = colon + 1;
                int end;
                if (start < text.length() && text.charAt(start) == '"') {
                    end = text.indexOf('"', start + 1);
                    if (end < 0) continue;
                    end++;
                } else {
                    end = start;
                    while (end < text.length() && ",}]".indexOf(text.charAt(end)) < 0) end++;
                }
                spans.add(new int[] {start, end, keyStart});
            }
            return spans;
        }

        private static byte[] deepNesting(byte[] in, Random random) {
            int depth = random.nextBoolean() ? 1_200 : 900; // Jackson's default limit is 1000
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            String text = new String(in, StandardCharsets.UTF_8);
            List<int[]> values = valueSpans(text);
            String nested = open.repeat(depth) + "1" + close.repeat(depth);
            if (values.isEmpty() || random.nextInt(4) == 0) {
                return nested.getBytes(StandardCharsets.UTF_8);
            }
            int[] span = values.get(random.nextInt(values.size()));
            return (text.substring(0, span[0]) + nested + text.substring(span[1])).getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
            byte[] out = new byte[in.length - remove + insert.length];
            System.arraycopy(in, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
            return out;
        }
    }
}
