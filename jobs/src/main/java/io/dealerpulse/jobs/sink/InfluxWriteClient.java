package io.dealerpulse.jobs.sink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * One synchronous InfluxDB 1.x write of line-protocol text, with millisecond precision, through
 * {@code influxdb-java}. Its own batching is not used: the sink's writer decides when to write.
 *
 * <p>{@code influxdb-java} turns an HTTP error into an exception without the status code; an
 * OkHttp interceptor records the status of the last response so a 400 (bad points) can be told
 * from a 5xx (server trouble). Used by one task thread at a time, so the field needs no more
 * than {@code volatile}.
 */
final class InfluxWriteClient implements AutoCloseable {
    private final InfluxDB influx;
    private volatile int lastStatus = WriteFailure.NO_RESPONSE;

    InfluxWriteClient(String url, String user, String password, Duration requestTimeout) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(requestTimeout)
                .readTimeout(requestTimeout)
                .writeTimeout(requestTimeout)
                .callTimeout(requestTimeout.multipliedBy(2))
                .addInterceptor(chain -> {
                    lastStatus = WriteFailure.NO_RESPONSE;
                    okhttp3.Response response = chain.proceed(chain.request());
                    lastStatus = response.code();
                    return response;
                });
        boolean anonymous = user == null || user.isEmpty();
        this.influx = anonymous ? InfluxDBFactory.connect(url, http) : InfluxDBFactory.connect(url, user, password, http);
    }

    /**
     * Writes {@code lines} (newline-separated line protocol, ms timestamps) to {@code database}.
     *
     * @param retentionPolicy null for the database's default retention policy
     */
    void write(String database, String retentionPolicy, String lines) throws WriteFailure {
        try {
            influx.write(database, retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
        } catch (InfluxDBException e) {
            // InfluxDBIOException (no answer) is an InfluxDBException too; the interceptor then saw no response.
            int status = e instanceof org.influxdb.InfluxDBIOException ? WriteFailure.NO_RESPONSE : lastStatus;
            throw new WriteFailure(status, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Runs one InfluxQL statement that changes data (a DELETE) on {@code database}, as a POST. A
     * statement error InfluxDB reports in a 200 answer's body is a rejection (400-like): retrying the
     * same text cannot help.
     */
    void execute(String database, String statement) throws WriteFailure {
        QueryResult result;
        try {
            result = influx.query(new Query(statement, database, true));
        } catch (InfluxDBException e) {
            int status = e instanceof org.influxdb.InfluxDBIOException ? WriteFailure.NO_RESPONSE : lastStatus;
            throw new WriteFailure(status, String.valueOf(e.getMessage()), e);
        }
        String error = result.getError();
        if (error == null && result.getResults() != null) {
            error = result.getResults().stream().map(QueryResult.Result::getError)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (error != null) {
            throw new WriteFailure(400, error, null);
        }
    }

    @Override
    public void close() {
        influx.close();
    }
}
