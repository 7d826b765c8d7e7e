package io.dealerpulse.schemas.serde;

import io.dealerpulse.schemas.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schemas of this build plus every released version under {@code schemas/released/v<N>/},
 * which the build copies into the jar. Versions are read from v1 upwards until a version folder
 * holds none of the known record types.
 */
public final class ReleasedSchemaCatalog implements SchemaCatalog {
    static final String RELEASED_ROOT = "/io/dealerpulse/schemas/released/";

    private static final ReleasedSchemaCatalog INSTANCE = new ReleasedSchemaCatalog();

    private final Map<Long, Schema> byFingerprint = new HashMap<>();
    private final Map<String, Schema> currentByName = new HashMap<>();
    private final Map<Integer, List<Schema>> releasedByVersion = new HashMap<>();

    private ReleasedSchemaCatalog() {
        for (EventType type : EventType.values()) {
            currentByName.put(type.schema().getFullName(), type.schema());
            byFingerprint.put(fingerprint(type.schema()), type.schema());
        }
        for (int version = 1; ; version++) {
            List<Schema> released = loadVersion(version);
            if (released.isEmpty()) {
                break;
            }
            releasedByVersion.put(version, released);
            released.forEach(s -> byFingerprint.putIfAbsent(fingerprint(s), s));
        }
    }

    public static ReleasedSchemaCatalog instance() {
        return INSTANCE;
    }

    @Override
    public Optional<Schema> writerSchema(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    @Override
    public Optional<Schema> readerSchema(String fullName) {
        return Optional.ofNullable(currentByName.get(fullName));
    }

    /** Released versions (1, 2, ...) and their schemas; empty if nothing was released. */
    public Map<Integer, List<Schema>> releasedVersions() {
        return Collections.unmodifiableMap(releasedByVersion);
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static List<Schema> loadVersion(int version) {
        List<Schema> schemas = new ArrayList<>();
        for (EventType type : EventType.values()) {
            String resource = RELEASED_ROOT + "v" + version + "/" + type.schema().getName() + ".avsc";
            try (InputStream in = ReleasedSchemaCatalog.class.getResourceAsStream(resource)) {
                if (in != null) {
                    schemas.add(new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + resource, e);
            }
        }
        return schemas;
    }
}
