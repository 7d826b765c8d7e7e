package io.dealerpulse.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the {@code jdk.ExecutionSample} events of a flight recording: samples per thread
 * group, the top frames (self time) and the methods seen anywhere in the stack (inclusive time,
 * counted once per sample), each as "Class.method". {@code jfr print} cuts stacks at 5 frames, too
 * few to attribute time to an operator; this reads whole stacks.
 *
 * <p>Usage: {@code java -cp bench/target/classes io.dealerpulse.bench.harness.JfrSummary FILE [TOP]
 * [--thread SUBSTRING]} (e.g. {@code --thread "Site KPIs"} to keep one operator's task threads).
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = 25;
        String threadFilter = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--thread")) {
                threadFilter = args[++i];
            } else {
                top = Integer.parseInt(args[i]);
            }
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "?"
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            if (threadFilter != null && !thread.contains(threadFilter)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            threads.merge(threadGroup(thread), 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    inclusive.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples%s%n", file, samples,
                threadFilter == null ? "" : " on threads containing '" + threadFilter + "'");
        print("threads (names with digits and subtask numbers folded)", threads, samples, top);
        print("top frames (self)", self, samples, top);
        print("inclusive (method anywhere in the stack, once per sample)", inclusive, samples, top * 2);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("--- " + title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            System.out.printf(Locale.ROOT, "%7d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / samples, e.getKey());
        }
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static String threadGroup(String thread) {
        return thread.replaceAll("\\(\\d+/\\d+\\)#\\d+", "").replaceAll("-\\d+", "-N").strip();
    }
}
