package io.dealerpulse.jobs.it.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * Which checkpoint or savepoint a job restored, from the MiniCluster's REST API
 * ({@code /jobs/:id/checkpoints}, {@code latest.restored}): the proof that a recovery used its
 * state, since a job that started afresh from the earliest offsets would end with the same output.
 */
final class RestoredCheckpoint {
    private RestoredCheckpoint() {}

    /**
     * The {@code latest.restored} object ({@code id}, {@code is_savepoint}, {@code external_path}, ...),
     * polled for up to {@code timeout}; null if the job names none by then (its last answer is printed).
     */
    static JsonNode of(Configuration clientConfiguration, JobID job, Duration timeout) throws Exception {
        URI uri = URI.create("http://" + clientConfiguration.get(RestOptions.ADDRESS) + ":"
                + clientConfiguration.get(RestOptions.PORT) + "/jobs/" + job + "/checkpoints");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = null;
        while (System.nanoTime() < deadline) {
            response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode restored = new ObjectMapper().readTree(response.body()).path("latest").path("restored");
                if (!restored.isMissingNode() && !restored.isNull()) {
                    return restored;
                }
            }
            Thread.sleep(200);
        }
        System.err.println("GET " + uri + " named no restored checkpoint in " + timeout + "; last answer: "
                + (response == null ? "none" : response.statusCode() + " " + response.body()));
        return null;
    }
}
