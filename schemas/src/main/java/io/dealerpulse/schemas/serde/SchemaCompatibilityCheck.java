package io.dealerpulse.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks that the current schemas can read every released version (backward compatibility), so
 * a reader on version N decodes anything written with N-1 and earlier.
 */
public final class SchemaCompatibilityCheck {
    private SchemaCompatibilityCheck() {}

    /** Problems found reading {@code released}-written data with {@code current}; empty when compatible. */
    public static List<String> incompatibilities(Schema current, Schema released) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        result.getResult().getIncompatibilities().forEach(i -> problems.add(current.getName() + ": "
                + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        return problems;
    }

    /**
     * Every current schema against every released version of the same name.
     *
     * @param releasedVersions version number → released schemas, as {@link ReleasedSchemaCatalog#releasedVersions()}
     * @param currentByName resolves a full name to the current schema (absent: the type was removed)
     */
    public static List<String> check(Map<Integer, List<Schema>> releasedVersions, SchemaCatalog currentByName) {
        List<String> problems = new ArrayList<>();
        releasedVersions.forEach((version, schemas) -> {
            for (Schema released : schemas) {
                currentByName.readerSchema(released.getFullName()).ifPresentOrElse(
                        current -> incompatibilities(current, released)
                                .forEach(p -> problems.add("v" + version + " " + p)),
                        () -> problems.add("v" + version + " " + released.getFullName()
                                + " was released but no current schema reads it"));
            }
        });
        return problems;
    }
}
