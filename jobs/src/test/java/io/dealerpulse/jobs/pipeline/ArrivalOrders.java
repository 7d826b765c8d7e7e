package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.jobs.scenario.Send;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Legal orders in which the job can read a scenario. Kafka keeps the order of one partition (one
 * topic, one site: the key), and nothing else: the job reads its six input topics independently, so
 * any merge of the per-(topic, site) sequences can happen. A topic can lag far behind the others
 * (long runs), which makes its events late or too late on the site clock. At-least-once delivery adds
 * redeliveries: the same record again, later in its own partition.
 */
final class ArrivalOrders {
    private ArrivalOrders() {}

    /**
     * @param maxRun       longest run read from one partition before switching (1 = fine interleaving)
     * @param redeliveries how many records are delivered a second time
     */
    static List<Send> merge(List<Send> sends, long seed, int maxRun, int redeliveries) {
        Random random = new Random(seed);
        Map<String, List<Send>> partitions = new LinkedHashMap<>();
        for (Send send : sends) {
            partitions.computeIfAbsent(send.topic() + "/" + send.key(), p -> new ArrayList<>()).add(send);
        }
        List<List<Send>> queues = new ArrayList<>(partitions.values());
        for (int i = 0; i < redeliveries && !sends.isEmpty(); i++) {
            List<Send> queue = queues.get(random.nextInt(queues.size()));
            int original = random.nextInt(queue.size());
            int later = original + 1 + random.nextInt(queue.size() - original);
            queue.add(later, queue.get(original));
        }
        int[] next = new int[queues.size()];
        List<Send> merged = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int q = 0; q < queues.size(); q++) {
            open.add(q);
        }
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            int q = open.get(pick);
            int run = 1 + random.nextInt(maxRun);
            List<Send> queue = queues.get(q);
            for (int r = 0; r < run && next[q] < queue.size(); r++) {
                merged.add(queue.get(next[q]++));
            }
            if (next[q] == queue.size()) {
                open.remove(pick);
            }
        }
        return merged;
    }
}
