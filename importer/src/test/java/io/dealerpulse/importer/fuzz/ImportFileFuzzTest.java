package io.dealerpulse.importer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dealerpulse.importer.read.FileFormat;

/**
 * Coverage-guided fuzzing of the importers' file readers and row mappers with Jazzer
 * (docs/robustness.md): the fuzzed bytes are an input file in one format, read and planned for each
 * stream (registry, appointments, surveys) as an import run would, up to the records and dead letters
 * it would publish. Without {@code JAZZER_FUZZ} each method runs once per committed input under
 * {@code src/test/resources/io/dealerpulse/importer/fuzz/ImportFileFuzzTestInputs/<method>/}; with it,
 * one method is fuzzed for at most {@code maxDuration}:
 * <pre>JAZZER_FUZZ=1 ./mvnw -B -pl importer test -Dtest=ImportFileFuzzTest#csv -DargLine=-Xmx512m</pre>
 * See {@link ImportUnderFuzz} for the outcomes that count as declared.
 */
class ImportFileFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void csv(byte[] file) {
        ImportUnderFuzz.check(FileFormat.CSV, file);
    }

    @FuzzTest(maxDuration = "2m")
    void jsonLines(byte[] file) {
        ImportUnderFuzz.check(FileFormat.JSONL, file);
    }

    @FuzzTest(maxDuration = "2m")
    void yaml(byte[] file) {
        ImportUnderFuzz.check(FileFormat.YAML, file);
    }
}
