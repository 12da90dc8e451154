package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.accord.bank.BankStore;
import org.accord.quiz.AttemptKeys;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's running totals, kept answer by answer, must equal what the V4 migration computes from
 * the same history in one go: the migration fills them for data that existed before, and the bench data
 * generator rebuilds them with the same statements.
 */
@QuarkusTest
class ProgressTotalsTest {

    private static final String TOPIC = "membership";
    private static final int QUESTIONS = 30;

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void runningTotalsEqualTheMigrationsFiguresFromTheSameHistory() {
        clock.advanceToNoonUtc();
        WebSession s = new WebSession();
        s.signUp("Tess Totals", "learner");
        Response started = s.post("/", "/practice", Map.of("topic", List.of(TOPIC), "count", List.of(String.valueOf(QUESTIONS))));
        assertEquals(303, started.statusCode(), started.asString());
        String attempt = started.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");

        // 30 answers in one topic over two days, so the ring of the last 20 scores wraps; some missed.
        List<Double> scores = new ArrayList<>();
        for (int n = 1; n <= QUESTIONS; n++) {
            if (n == 13) {
                clock.advance(Duration.ofDays(1));
            }
            AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, n);
            Optional<Map<String, List<String>>> wrong = n % 3 == 0 ? AttemptKeys.wrongForm(slot) : Optional.empty();
            Response r = s.post("/", "/attempts/" + attempt + "/questions/" + n, wrong.orElseGet(() -> AttemptKeys.correctForm(slot)));
            assertEquals(303, r.statusCode(), r.asString());
            scores.add(wrong.isPresent() ? 0.0 : 1.0);
        }
        assertTrue(scores.contains(0.0), "some answers were missed");

        // a flashcard graded on a third day: active, though nothing was answered
        clock.advance(Duration.ofDays(1));
        String questionId = AttemptKeys.slot(bank, attempt, 1).question().id();
        String card = "/flashcards/" + TOPIC + "/" + questionId;
        String reps = s.page(card).selectFirst("input[name=reps]").val();
        assertEquals(303, s.post(card, card, Map.of("rating", List.of("3"), "reps", List.of(reps))).statusCode());

        long learner = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select learner_id from attempt where public_id = ?1").setParameter(1, attempt).getSingleResult()).longValue());
        TotalsCheck.assertEqualToMigration(em, learner);

        // and the page shows them: the last 20 of 30 answers make the recent accuracy
        double recent = scores.subList(QUESTIONS - Mastery.RECENT_ANSWERS, QUESTIONS).stream().mapToDouble(d -> d).average().orElseThrow();
        double overall = scores.stream().mapToDouble(d -> d).average().orElseThrow();
        Document page = s.page("/progress");
        var row = page.selectFirst("#topics tr[data-topic=" + TOPIC + "]");
        assertEquals(Math.round(recent * 100) + "%", row.selectFirst(".recent").text());
        assertEquals(Math.round(overall * 100) + "%", row.selectFirst(".accuracy").text());
        assertEquals("3 days", page.selectFirst("#streak").text(), "two days of answers and a day of flashcards");
    }

    /** The streak is read a page of days at a time (64, then 256): a run longer than a page is counted whole. */
    @Test
    void aStreakLongerThanOnePageOfDaysIsCountedWhole() {
        clock.advanceToNoonUtc();
        WebSession s = new WebSession();
        s.signUp("Stella Streak", "learner");
        long today = clock.instant().getEpochSecond() / 86400;
        QuarkusTransaction.requiringNew().run(() -> {
            long learner = ((Number) em.createNativeQuery("select learner_id from account where display_name = 'Stella Streak'")
                    .getSingleResult()).longValue();
            // today and the 99 days before it, then a gap, then an older run that must not count
            for (long day = today; day > today - 100; day--) {
                insertDay(learner, day);
            }
            for (long day = today - 101; day > today - 120; day--) {
                insertDay(learner, day);
            }
        });
        Document page = s.page("/progress");
        assertEquals("100 days", page.selectFirst("#streak").text());
    }

    private void insertDay(long learner, long day) {
        em.createNativeQuery("insert into learner_day (learner_id, epoch_day, answers, score_sum, reviews) values (?1, ?2, 0, 0, 1)")
                .setParameter(1, learner).setParameter(2, day).executeUpdate();
    }
}
