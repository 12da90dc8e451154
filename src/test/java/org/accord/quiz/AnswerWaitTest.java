package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.accord.bank.BankStore;
import org.accord.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * An answer waiting for its batch holds no worker thread (AttemptResource.answer returns a stage): with
 * four workers and eight answers waiting, other pages are still served. Were each answer to hold its
 * worker while it waits, a burst of answers would take every worker, and a batch could hold no more
 * answers than there are workers (on PostgreSQL that capped answers at about 500/s).
 */
@QuarkusTest
@TestProfile(AnswerWaitTest.FourWorkers.class)
class AnswerWaitTest {

    static final int WORKERS = 4;
    static final int ANSWERS = 2 * WORKERS;

    /** Few workers, so that a handful of answers would take them all; lock timeouts longer than the test holds a row. */
    public static class FourWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "jdbc:h2:mem:accord-wait;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;"
                    + "LOCK_TIMEOUT=60000";
            return Map.of("quarkus.thread-pool.max-threads", String.valueOf(WORKERS), "%test.quarkus.datasource.jdbc.url", url,
                    "accord.answers.lock-timeout", "PT60S");
        }
    }

    @Inject
    AnswerWriter writer;

    @Inject
    BankStore bank;

    @Inject
    EntityManager em;

    @Test
    void answersWaitingForTheirBatchLeaveTheWorkersFreeForOtherPages() throws Exception {
        WebSession learner = new WebSession();
        learner.signUp("Walt Waiting", "learner");
        String attempt = start(learner, ANSWERS);
        String token = learner.csrfToken(question(attempt, 1));
        List<Map<String, List<String>>> forms = new ArrayList<>();
        for (int n = 1; n <= ANSWERS; n++) {
            Map<String, List<String>> form = new HashMap<>(AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, n)));
            form.put("csrf-token", List.of(token));
            forms.add(form);
        }
        WebSession reader = new WebSession();
        String other = start(reader, 1);

        ExecutorService senders = Executors.newFixedThreadPool(ANSWERS + 1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            try (RowHold hold = new RowHold(em, attempt, Duration.ofSeconds(40))) {
                for (int n = 1; n <= ANSWERS; n++) {
                    String action = question(attempt, n);
                    Map<String, List<String>> form = forms.get(n - 1);
                    answers.add(senders.submit(() -> learner.postRaw(action, form)));
                }
                awaitWaiting(ANSWERS);

                // a page rendered on a worker: served while every answer still waits for the held row
                Future<Response> page = senders.submit(() -> reader.request().get(question(other, 1)));
                try {
                    assertEquals(200, page.get(20, TimeUnit.SECONDS).statusCode());
                } catch (TimeoutException e) {
                    fail("the question page waited for a worker thread while " + ANSWERS + " answers waited for their batch");
                }
                assertTrue(answers.stream().noneMatch(Future::isDone), "the answers wait for the held row");
                assertEquals(ANSWERS, liveness().getInt("checks.find { it.name == 'answer writer' }.data.waiting"));
            }
            for (Future<Response> answer : answers) {
                assertEquals(303, answer.get(30, TimeUnit.SECONDS).statusCode(), "every answer is saved once the row is let go");
            }
            awaitWaiting(0);
            JsonPath health = liveness();
            assertEquals("UP", health.getString("checks.find { it.name == 'answer writer' }.status"));
            assertEquals(0, health.getInt("checks.find { it.name == 'answer writer' }.data.waiting"));
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Until that many answers wait for the writer. Answers that each held a worker would stop at four
     * here, the rest queued for a worker, never reaching it.
     */
    private void awaitWaiting(int expected) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (writer.waiting() != expected) {
            if (System.nanoTime() > until) {
                fail(expected + " answers should wait for the answer writer; " + writer.waiting() + " do");
            }
            Thread.sleep(20);
        }
    }

    private static JsonPath liveness() {
        return RestAssured.get("/q/health/live").jsonPath();
    }

    private static String question(String attempt, int number) {
        return "/attempts/" + attempt + "/questions/" + number;
    }

    private static String start(WebSession s, int count) {
        Response started = s.post("/", "/practice", Map.of("topic", List.of("membership"), "count", List.of(String.valueOf(count))));
        assertEquals(303, started.statusCode(), started.asString());
        return started.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
    }
}
