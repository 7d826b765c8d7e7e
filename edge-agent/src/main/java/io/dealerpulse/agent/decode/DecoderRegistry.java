package io.dealerpulse.agent.decode;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed {@link DeviceDecoder}s by format name, found with {@link ServiceLoader}. */
public final class DecoderRegistry {
    private final Map<String, DeviceDecoder> byFormat;

    private DecoderRegistry(Map<String, DeviceDecoder> byFormat) {
        this.byFormat = Map.copyOf(byFormat);
    }

    public static DecoderRegistry load() {
        Map<String, DeviceDecoder> decoders = new TreeMap<>();
        for (DeviceDecoder decoder : ServiceLoader.load(DeviceDecoder.class)) {
            DeviceDecoder previous = decoders.put(decoder.format(), decoder);
            if (previous != null) {
                throw new IllegalStateException("two decoders claim format '" + decoder.format() + "': "
                        + previous.getClass().getName() + " and " + decoder.getClass().getName());
            }
        }
        return new DecoderRegistry(decoders);
    }

    public java.util.Set<String> formats() {
        return new java.util.TreeSet<>(byFormat.keySet());
    }

    public DeviceDecoder get(String format) {
        DeviceDecoder decoder = byFormat.get(format);
        if (decoder == null) {
            throw new IllegalArgumentException("no decoder for format '" + format + "'; installed: " + formats());
        }
        return decoder;
    }
}
