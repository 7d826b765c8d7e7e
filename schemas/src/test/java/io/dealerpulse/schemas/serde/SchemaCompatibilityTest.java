package io.dealerpulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventType;
import io.dealerpulse.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every current schema reads every released version; a breaking change is caught. */
class SchemaCompatibilityTest {
    private final ReleasedSchemaCatalog catalog = ReleasedSchemaCatalog.instance();

    @Test
    void releasedSetIsNotEmpty_andCoversEveryType() {
        Map<Integer, List<Schema>> released = catalog.releasedVersions();
        assertThat(released).as("schemas/released/v1 must hold the first release").containsKey(1);
        assertThat(released.get(1)).extracting(Schema::getFullName)
                .containsExactlyInAnyOrder(java.util.Arrays.stream(EventType.values())
                        .map(t -> t.schema().getFullName()).toArray(String[]::new));
    }

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        assertThat(SchemaCompatibilityCheck.check(catalog.releasedVersions(), catalog)).isEmpty();
    }

    @Test
    void aNewRequiredFieldWithoutDefault_isReportedIncompatible() {
        Schema released = FootfallEvent.getClassSchema();
        Schema breaking = withExtraField(released,
                "{\"name\":\"zone\",\"type\":\"string\",\"doc\":\"added without a default\"}");
        List<String> problems = SchemaCompatibilityCheck.check(Map.of(1, List.of(released)), catalogOf(breaking));
        assertThat(problems).singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT").contains("zone");
    }

    @Test
    void aChangedFieldType_isReportedIncompatible() {
        String json = FootfallEvent.getClassSchema().toString()
                .replace("{\"name\":\"count\",\"type\":\"int\"", "{\"name\":\"count\",\"type\":\"string\"");
        Schema breaking = new Schema.Parser().parse(json);
        List<String> problems = SchemaCompatibilityCheck.check(
                Map.of(1, List.of(FootfallEvent.getClassSchema())), catalogOf(breaking));
        assertThat(problems).singleElement().asString().contains("TYPE_MISMATCH").contains("/fields/6/type");
        assertThat(FootfallEvent.getClassSchema().getFields().get(6).name()).isEqualTo("count");
    }

    @Test
    void aNewOptionalFieldWithDefault_isCompatible() {
        Schema released = FootfallEvent.getClassSchema();
        Schema extended = withExtraField(released,
                "{\"name\":\"zone\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"new\"}");
        assertThat(SchemaCompatibilityCheck.check(Map.of(1, List.of(released)), catalogOf(extended))).isEmpty();
    }

    @Test
    void oldWriter_newReader_roundTrip() throws Exception {
        AvroCodec codec = AvroCodec.released();
        for (Map.Entry<Integer, List<Schema>> version : catalog.releasedVersions().entrySet()) {
            for (Schema old : version.getValue()) {
                SpecificRecord sample = SampleEvents.oneOfEach().stream()
                        .filter(r -> r.getSchema().getFullName().equals(old.getFullName())).findFirst().orElseThrow();
                GenericRecord asOldVersion = project(sample, old);
                SpecificRecord read = codec.decode(codec.encode(asOldVersion, old));
                for (Schema.Field field : old.getFields()) {
                    assertThat(((org.apache.avro.generic.IndexedRecord) read).get(
                                    read.getSchema().getField(field.name()).pos()))
                            .as("v%s %s.%s", version.getKey(), old.getName(), field.name())
                            .isEqualTo(sample.get(sample.getSchema().getField(field.name()).pos()));
                }
            }
        }
    }

    /** Writes {@code record} with its current schema and reads it back as a generic record of {@code old}. */
    private static GenericRecord project(SpecificRecord record, Schema old) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), old)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static Schema withExtraField(Schema base, String fieldJson) {
        String json = base.toString();
        int fieldsEnd = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, fieldsEnd) + "," + fieldJson + json.substring(fieldsEnd));
    }

    private static SchemaCatalog catalogOf(Schema current) {
        return new SchemaCatalog() {
            @Override
            public Optional<Schema> writerSchema(long fingerprint) {
                return Optional.empty();
            }

            @Override
            public Optional<Schema> readerSchema(String fullName) {
                return current.getFullName().equals(fullName) ? Optional.of(current) : Optional.empty();
            }
        };
    }
}
