package io.dealerpulse.agent.bench;

import io.dealerpulse.agent.config.AgentConfig.SyncMode;
import io.dealerpulse.agent.outbox.OutboxEntry;
import io.dealerpulse.agent.outbox.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Compares the outbox candidates on this machine's disk: durable appends per second for group-commit
 * sizes 1, 10, 100 and 500, with SQLite (WAL, synchronous FULL and NORMAL) and H2 MVStore (commit +
 * sync). Payloads are 300 bytes, the size of an encoded FootfallEvent.
 *
 * <pre>{@code
 * ./mvnw -q -pl edge-agent test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp edge-agent/target/test-classes:edge-agent/target/classes:$(cat /tmp/cp.txt) \
 *     io.dealerpulse.agent.bench.OutboxStoreBenchmark [messages per run, default 5000]
 * }</pre>
 * The figures printed are what {@code docs/edge-agent.md} quotes; they are a measurement, not a test.
 */
public final class OutboxStoreBenchmark {
    private static final byte[] PAYLOAD = new byte[300];

    private OutboxStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("outbox-bench");
        System.out.printf("%-22s %8s %14s%n", "store", "batch", "messages/s");
        for (int batch : new int[] {1, 10, 100, 500}) {
            for (SyncMode sync : SyncMode.values()) {
                double rate = sqlite(dir.resolve("sqlite-" + sync + "-" + batch + ".db"), sync, batch, messages);
                System.out.printf("%-22s %8d %14.0f%n", "sqlite-wal-" + sync.name().toLowerCase(), batch, rate);
            }
            double rate = mvstore(dir.resolve("mv-" + batch + ".db"), batch, messages);
            System.out.printf("%-22s %8d %14.0f%n", "h2-mvstore-sync", batch, rate);
        }
    }

    static double sqlite(Path file, SyncMode sync, int batch, int messages) throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(file, sync, Long.MAX_VALUE, Long.MAX_VALUE)) {
            long start = System.nanoTime();
            for (int written = 0; written < messages; written += batch) {
                List<OutboxEntry> entries = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    entries.add(new OutboxEntry("dealerpulse.footfall.v1", "FR-PARIS-01", "id-" + (written + i),
                            PAYLOAD, Instant.now()));
                }
                outbox.append(entries, List.of());
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }

    static double mvstore(Path file, int batch, int messages) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            MVMap<Long, byte[]> map = store.openMap("outbox");
            long start = System.nanoTime();
            long key = 0;
            for (int written = 0; written < messages; written += batch) {
                for (int i = 0; i < batch; i++) {
                    map.put(key++, PAYLOAD);
                }
                store.commit();
                store.sync();
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            store.close();
        }
    }
}
