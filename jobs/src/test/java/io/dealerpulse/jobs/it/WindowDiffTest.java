package io.dealerpulse.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.oracle.ExpectedWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WindowDiffTest {
    private static final Instant T0 = Instant.parse("2026-03-29T06:00:00Z");

    @Test
    void equalWhenInfluxDbGivesAFloatWithoutFractionAsAnInteger() {
        ExpectedWindow expected = window(T0, 2.0, 3L);
        StoredWindow stored = new StoredWindow(T0, expected.tags(), fields(2L, 3L)); // JSON "2" for 2.0
        assertThat(WindowDiff.between(List.of(expected), Map.of(stored.key(), stored)).isEmpty()).isTrue();
    }

    @Test
    void reportsMissingUnexpectedAndEachDifferingFieldWithBothValues() {
        ExpectedWindow first = window(T0, 1.5, 3L);
        ExpectedWindow second = window(T0.plusSeconds(900), 1.0, 0L);
        StoredWindow storedFirst = new StoredWindow(T0, first.tags(), fields(1.25, 4L));
        StoredWindow extra = new StoredWindow(T0.plusSeconds(1800), first.tags(), fields(1.0, 0L));

        WindowDiff diff = WindowDiff.between(List.of(first, second),
                Map.of(storedFirst.key(), storedFirst, extra.key(), extra));

        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.report())
                .contains("1 missing {site-a=1}", "1 unexpected {site-a=1}", "1 differing {site-a=1}")
                .contains("staff_on_duty: expected 1.5 stored 1.25", "visitors: expected 3 stored 4")
                .contains("differences per field: {staff_on_duty=1, visitors=1}");
    }

    @Test
    void anIntegerFieldStoredWithAFractionIsADifference() {
        assertThat(FieldComparison.sameValue(3L, 3.5)).isFalse();
        assertThat(FieldComparison.sameValue(3L, 3.0)).isTrue();
        assertThat(FieldComparison.sameValue(0.1 + 0.2, 0.3)).isTrue();
        assertThat(FieldComparison.sameValue(true, "true")).isFalse();
        assertThat(FieldComparison.sameValue(null, 0L)).isFalse();
    }

    private static ExpectedWindow window(Instant time, double staff, long visitors) {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("site", "site-a", "local_date", "2026-03-29", "local_hour", "08"));
        TreeMap<String, Object> fields = new TreeMap<>(Map.of("staff_on_duty", staff, "visitors", visitors));
        return new ExpectedWindow(time, tags, fields);
    }

    private static TreeMap<String, Object> fields(Object staff, Object visitors) {
        return new TreeMap<>(Map.of("staff_on_duty", staff, "visitors", visitors));
    }
}
