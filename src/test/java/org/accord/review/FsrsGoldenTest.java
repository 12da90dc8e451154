package org.accord.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Replays rating sequences produced by the reference implementation, ts-fsrs 5.4.2 (long-term
 * scheduler, no fuzz), and requires the same interval to the day at every review, with stability
 * and difficulty equal to the reference's eight decimals. The data comes from
 * src/test/fsrs-reference/golden.mjs; see its header to regenerate it.
 */
class FsrsGoldenTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden() throws IOException {
        try (InputStream in = FsrsGoldenTest.class.getResourceAsStream("/fsrs/golden.json")) {
            return new Yaml().load(in); // JSON is YAML: no second parser needed
        }
    }

    @Test
    void theDefaultParametersAreThePublishedOnes() throws IOException {
        List<Number> w = (List<Number>) golden().get("w");
        assertArrayEquals(w.stream().mapToDouble(Number::doubleValue).toArray(), Fsrs.DEFAULT_W);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyGoldenSequenceSchedulesLikeTheReference() throws IOException {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) golden().get("cases");
        assertTrue(cases.size() >= 20, "golden cases: " + cases.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> replay(c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<String, Object> c) {
        Fsrs fsrs = new Fsrs(((Number) c.get("retention")).doubleValue());
        Fsrs.Memory memory = null;
        int n = 0;
        for (Map<String, Object> review : (List<Map<String, Object>>) c.get("reviews")) {
            n++;
            String at = c.get("name") + " review " + n;
            Fsrs.Outcome outcome = fsrs.review(memory, ((Number) review.get("elapsedDays")).longValue(),
                    Fsrs.Rating.of(((Number) review.get("rating")).intValue()));
            assertEquals(((Number) review.get("interval")).intValue(), outcome.intervalDays(), at + ": interval in days");
            assertEquals(((Number) review.get("stability")).doubleValue(), outcome.memory().stability(), 1e-8, at + ": stability");
            assertEquals(((Number) review.get("difficulty")).doubleValue(), outcome.memory().difficulty(), 1e-8, at + ": difficulty");
            if (review.containsKey("retrievability")) {
                assertEquals(((Number) review.get("retrievability")).doubleValue(), outcome.retrievability(), 1e-8,
                        at + ": retrievability");
            }
            memory = outcome.memory();
        }
    }

    @Test
    void aDesiredRetentionOutsideZeroToOneIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Fsrs(1.0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Fsrs(0));
    }
}
