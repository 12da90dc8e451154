package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.accord.account.Learner;
import org.accord.bank.BankStore;
import org.accord.progress.TotalsCheck;
import org.accord.quiz.QuizService.AnswerOutcome;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that arrive together are saved together (AnswerWriter): each must come out exactly as it would
 * alone, whatever else is in its batch: a repeat of it, a refused form, another learner's attempt.
 */
@QuarkusTest
class AnswerWriterTest {

    private static final String TOPIC = "membership";

    @Inject
    BankStore bank;

    @Inject
    QuizService quiz;

    @Inject
    AnswerWriter writer;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void answersSubmittedTogetherAreEachSavedOnceWithTheSameTotalsAsOneByOne() throws Exception {
        clock.advanceToNoonUtc();
        WebSession s = new WebSession();
        s.signUp("Bea Batch", "learner");
        String held = start(s, 1);
        String attempt = start(s, 30);
        String spare = start(s, 1);
        WebSession other = new WebSession();
        other.signUp("Otto Other", "learner");
        String othersAttempt = start(other, 1);
        long learnerId = learnerOf(attempt);
        Learner learner = learnerEntity(attempt);
        // the forms are read before the row is held: the writer gives up on it after the lock timeout (2 s)
        Map<String, List<String>> firstForm = AttemptKeys.correctForm(slot(held, 1));
        Map<Integer, Double> expected = new HashMap<>();
        Map<Integer, Map<String, List<String>>> forms = new HashMap<>();
        for (int n = 1; n <= 30; n++) {
            AttemptKeys.Slot slot = slot(attempt, n);
            Optional<Map<String, List<String>>> wrong = n % 3 == 0 ? AttemptKeys.wrongForm(slot) : Optional.empty();
            forms.put(n, wrong.orElseGet(() -> AttemptKeys.correctForm(slot)));
            expected.put(n, wrong.isPresent() ? 0.0 : 1.0);
        }
        // the writer waits on the held row with that attempt's answer, and the rest pile up behind it
        RowHold hold = new RowHold(em, held, Duration.ofSeconds(5));
        try {
            Future<AnswerOutcome> first = quiz.answer(held, learner, 1, firstForm);

            Map<Integer, List<Future<AnswerOutcome>>> outcomes = new HashMap<>();
            for (int n = 1; n <= 30; n++) {
                int submits = n <= 5 ? 2 : 1; // the first five twice, as a double click would
                for (int i = 0; i < submits; i++) {
                    outcomes.computeIfAbsent(n, k -> new ArrayList<>()).add(quiz.answer(attempt, learner, n, forms.get(n)));
                }
            }
            Future<AnswerOutcome> empty = quiz.answer(spare, learner, 1, Map.of());
            Future<AnswerOutcome> foreign = quiz.answer(othersAttempt, learner, 1, Map.of());
            hold.close();

            assertEquals(AnswerOutcome.SAVED, first.get(30, TimeUnit.SECONDS));
            for (Map.Entry<Integer, List<Future<AnswerOutcome>>> e : outcomes.entrySet()) {
                List<AnswerOutcome> got = new ArrayList<>();
                for (Future<AnswerOutcome> f : e.getValue()) {
                    got.add(f.get(30, TimeUnit.SECONDS));
                }
                assertEquals(1, got.stream().filter(o -> o == AnswerOutcome.SAVED).count(), "question " + e.getKey() + ": " + got);
                assertEquals(got.size() - 1, got.stream().filter(o -> o == AnswerOutcome.ALREADY_ANSWERED).count(), "question " + e.getKey());
            }
            assertInstanceOf(InvalidAnswerException.class, cause(empty), "an empty form is refused, not saved");
            assertInstanceOf(NotFoundException.class, cause(foreign), "another learner's attempt is as good as missing");

            double score = expected.values().stream().mapToDouble(d -> d).sum();
            assertEquals(List.of(num(30) + "|" + num(score)), rows("select count(*), sum(a.score) from answer a join attempt_item i on i.id = a.attempt_item_id "
                    + "join attempt t on t.id = i.attempt_id where t.public_id = '" + attempt + "'"));
            assertEquals(List.of("true|" + num(score)), rows("select finished_at is not null, score from attempt where public_id = '" + attempt + "'"),
                    "the last answer closes the attempt with the sum of the scores");
            assertEquals(List.of(num(0)), answersTo(spare, othersAttempt));
            assertEquals(List.of(num(31) + "|" + num(31) + "|" + num(31)), rows("select count(*), count(distinct answer_id), sum(case when answer_id in "
                    + "(select id from answer where learner_id = " + learnerId + ") then 1 else 0 end) from review_log where learner_id = " + learnerId),
                    "one review per saved answer, each pointing at its own answer");
            assertEquals(List.of(num(31)), rows("select sum(reps) from review_state where learner_id = " + learnerId));
            TotalsCheck.assertEqualToMigration(em, learnerId);
        } finally {
            hold.close();
        }
    }

    /**
     * One answer of a batch that the database refuses (here a check constraint the test adds, standing in
     * for any error of one row) fails that answer alone: the batch is written again answer by answer.
     */
    @Test
    void anAnswerTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsSaved() throws Exception {
        clock.advanceToNoonUtc();
        WebSession s = new WebSession();
        s.signUp("Rhea Refused", "learner");
        String held = start(s, 1);
        String attempt = null;
        int textAt = 0;
        for (int tries = 0; tries < 5 && textAt == 0; tries++) {
            attempt = start(s, 30); // 8 of the topic's 62 questions are typed answers: one is all but sure to be drawn
            for (int n = 1; n <= 30 && textAt == 0; n++) {
                if (slot(attempt, n).question().key() instanceof org.accord.bank.AnswerKey.Text) {
                    textAt = n;
                }
            }
        }
        assertTrue(textAt > 0, "an attempt with a typed-answer question");
        long learnerId = learnerOf(attempt);
        Learner learner = learnerEntity(attempt);
        String finalAttempt = attempt;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "alter table answer add constraint test_refused check (response not like '%refused-by-test%')").executeUpdate());
        // the forms are read before the row is held: the writer gives up on it after the lock timeout (2 s)
        Map<String, List<String>> firstForm = AttemptKeys.correctForm(slot(held, 1));
        Map<Integer, Map<String, List<String>>> forms = new HashMap<>();
        for (int n = 1; forms.size() < 5; n++) {
            if (n != textAt) {
                forms.put(n, AttemptKeys.correctForm(slot(attempt, n)));
            }
        }
        RowHold hold = new RowHold(em, held, Duration.ofSeconds(5));
        try {
            Future<AnswerOutcome> first = quiz.answer(held, learner, 1, firstForm);
            Future<AnswerOutcome> refused = quiz.answer(finalAttempt, learner, textAt,
                    Map.of("answer", List.of("refused-by-test")));
            List<Future<AnswerOutcome>> others = new ArrayList<>();
            forms.forEach((n, form) -> others.add(quiz.answer(finalAttempt, learner, n, form)));
            hold.close();

            assertEquals(AnswerOutcome.SAVED, first.get(30, TimeUnit.SECONDS));
            for (Future<AnswerOutcome> f : others) {
                assertEquals(AnswerOutcome.SAVED, f.get(30, TimeUnit.SECONDS));
            }
            assertInstanceOf(AnswerNotSavedException.class, cause(refused), "the refused answer is reported as not saved");
            assertEquals(List.of(num(5)), answersTo(attempt));
            assertEquals(List.of(num(6)), rows("select count(*) from review_log where learner_id = " + learnerId),
                    "no review was recorded for the refused answer");
            TotalsCheck.assertEqualToMigration(em, learnerId);
        } finally {
            hold.close();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("alter table answer drop constraint test_refused").executeUpdate());
        }
    }

    @Test
    void aRowHeldPastTheLockTimeoutFailsOnlyTheAnswerThatNeedsIt() throws Exception {
        clock.advanceToNoonUtc();
        WebSession s = new WebSession();
        s.signUp("Lars Locked", "learner");
        String gate = start(s, 1);
        String held = start(s, 2);
        String attempt = start(s, 10);
        long learnerId = learnerOf(attempt);
        Learner learner = learnerEntity(attempt);
        String secondQuestion = "/attempts/" + held + "/questions/2";
        Map<String, List<String>> secondForm = new HashMap<>(AttemptKeys.correctForm(slot(held, 2)));
        secondForm.put("csrf-token", List.of(s.csrfToken(secondQuestion)));
        // the forms are read before the rows are held: the writer gives up on the gate after the lock timeout (2 s)
        Map<String, List<String>> gateForm = AttemptKeys.correctForm(slot(gate, 1));
        Map<String, List<String>> heldForm = AttemptKeys.correctForm(slot(held, 1));
        List<Map<String, List<String>>> forms = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            forms.add(AttemptKeys.correctForm(slot(attempt, n)));
        }
        ExecutorService browser = Executors.newSingleThreadExecutor();
        // the gate keeps the writer waiting until everything below is queued, so it all comes in one batch
        RowHold gateHold = new RowHold(em, gate, Duration.ofSeconds(10));
        try (RowHold heldHold = new RowHold(em, held, Duration.ofSeconds(30))) {
            Future<AnswerOutcome> gated = quiz.answer(gate, learner, 1, gateForm);
            Future<AnswerOutcome> stuck = quiz.answer(held, learner, 1, heldForm);
            Future<Response> posted = browser.submit(() -> s.postRaw(secondQuestion, secondForm));
            List<Future<AnswerOutcome>> others = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                others.add(quiz.answer(attempt, learner, n, forms.get(n - 1)));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writer.waiting() < 8 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(8, writer.waiting(), "the gate's answer, the two to the held attempt and five others wait");
            gateHold.close();

            assertEquals(AnswerOutcome.SAVED, gated.get(30, TimeUnit.SECONDS));
            for (Future<AnswerOutcome> f : others) {
                assertEquals(AnswerOutcome.SAVED, f.get(30, TimeUnit.SECONDS), "answers batched with the held one are saved");
            }
            Throwable failed = cause(stuck);
            assertInstanceOf(AnswerNotSavedException.class, failed, "the answer whose row stayed held is reported as not saved");
            assertInstanceOf(java.sql.SQLException.class, failed.getCause());
            Response refused = posted.get(30, TimeUnit.SECONDS);
            assertEquals(503, refused.statusCode());
            assertEquals("Your answer was not saved", WebSession.html(refused).selectFirst("h1").text(),
                    "the learner is told it was not saved, and to send it again");
            assertEquals(List.of(num(0)), answersTo(held));

            heldHold.close();
            assertEquals(AnswerOutcome.SAVED, quiz.answer(held, learner, 1, heldForm).get(30, TimeUnit.SECONDS),
                    "sent again once the row is free, it is saved");
            assertEquals(303, s.postRaw(secondQuestion, secondForm).statusCode(), "and so is the one sent from the page");
            TotalsCheck.assertEqualToMigration(em, learnerId);
        } finally {
            gateHold.close();
            browser.shutdownNow();
        }
    }

    private Learner learnerEntity(String attempt) {
        long id = learnerOf(attempt);
        return QuarkusTransaction.requiringNew().call(() -> Learner.<Learner>findById(id));
    }

    private static String start(WebSession s, int count) {
        Response started = s.post("/", "/practice", Map.of("topic", List.of(TOPIC), "count", List.of(String.valueOf(count))));
        assertEquals(303, started.statusCode(), started.asString());
        return started.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
    }

    private AttemptKeys.Slot slot(String attempt, int number) {
        return AttemptKeys.slot(bank, attempt, number);
    }

    private long learnerOf(String attempt) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select learner_id from attempt where public_id = ?1")
                .setParameter(1, attempt).getSingleResult()).longValue());
    }

    private static Throwable cause(Future<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A number as {@link #rows} shows it, whatever type the database gave it as. */
    private static String num(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    /** Each row's cells joined by "|", numbers through {@link #num}. */
    /** How many answers the attempts hold, as {@link #rows} gives it. */
    private List<String> answersTo(String... attempts) {
        return rows("select count(*) from answer a join attempt_item i on i.id = a.attempt_item_id join attempt t on t.id = i.attempt_id "
                + "where t.public_id in ('" + String.join("', '", attempts) + "')");
    }

    private List<String> rows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> out = new ArrayList<>();
            for (Object row : em.createNativeQuery(sql).getResultList()) {
                Object[] cells = row instanceof Object[] a ? a : new Object[] {row};
                List<String> text = new ArrayList<>();
                for (Object cell : cells) {
                    text.add(cell instanceof Number n ? num(n.doubleValue()) : String.valueOf(cell));
                }
                out.add(String.join("|", text));
            }
            return out;
        });
    }
}
