package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.sink.WriteFailure.Kind;
import org.junit.jupiter.api.Test;

class WriteFailureTest {

    @Test
    void connectionErrorsAndServerErrorsAreRetried() {
        assertThat(WriteFailure.classify(WriteFailure.NO_RESPONSE)).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(500)).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(503)).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(408)).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(429)).isEqualTo(Kind.RETRY);
    }

    @Test
    void aBadRequestRejectsThePointsWithoutRetry() {
        WriteFailure conflict = new WriteFailure(400,
                "partial write: field type conflict: input field \"visitors\" on measurement \"staffing\" is type"
                        + " float, already exists as type integer dropped=1", null);

        assertThat(conflict.kind()).isEqualTo(Kind.REJECTED);
        assertThat(conflict.describe()).startsWith("HTTP 400: partial write: field type conflict").endsWith("dropped=1");
    }

    @Test
    void authorisationAndMissingDatabaseAreFatal() {
        assertThat(WriteFailure.classify(401)).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(403)).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(404)).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(413)).isEqualTo(Kind.FATAL);
    }
}
