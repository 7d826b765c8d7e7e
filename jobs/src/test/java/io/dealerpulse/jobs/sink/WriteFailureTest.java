package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.sink.WriteFailure.Kind;
import org.junit.jupiter.api.Test;

class WriteFailureTest {

    @Test
    void connectionErrorsAndServerErrorsAreRetried() {
        assertThat(WriteFailure.classify(WriteFailure.NO_RESPONSE, "java.net.ConnectException: Connection refused"))
                .isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(500, "error")).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(503, "error")).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(408, "error")).isEqualTo(Kind.RETRY);
        assertThat(WriteFailure.classify(429, "error")).isEqualTo(Kind.RETRY);
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
        assertThat(WriteFailure.classify(401, "error")).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(403, "error")).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(404, "error")).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(413, "error")).isEqualTo(Kind.FATAL);
    }

    @Test
    void aMissingRetentionPolicyIsFatalAlthoughInfluxAnswers500() {
        // influxd 1.6 answers POST /write?rp=nope with 500 {"error":"retention policy not found: nope"}
        assertThat(new WriteFailure(500, "retention policy not found: nope", null).kind()).isEqualTo(Kind.FATAL);
        assertThat(WriteFailure.classify(500, "timeout")).isEqualTo(Kind.RETRY);
    }
}
