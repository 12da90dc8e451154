package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The liveness check of the answer writer, on a writer of its own outside the app: stopping the app's writer
 * would leave every later test in the same app without one.
 */
class AnswerWriterCheckTest {

    @Test
    void downOnceTheWritersThreadHasStoppedWithTheAnswersLeftWaiting() throws Exception {
        AnswerWriter writer = new AnswerWriter();
        writer.start();
        AnswerWriterCheck check = new AnswerWriterCheck();
        check.writer = writer;
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());

        writer.stop();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writer.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 2; i++) {
            writer.submit(new AnswerWriter.Submission("attempt", 1, 1, Map.of("choice", List.of("a"))));
        }
        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus(), "a writer that no longer runs is reported down");
        assertTrue(down.getData().isPresent());
        assertEquals(2L, ((Number) down.getData().get().get("waiting")).longValue(), "and the answers nobody will write are counted");
    }
}
