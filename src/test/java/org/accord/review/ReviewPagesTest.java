package org.accord.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.accord.account.Learner;
import org.accord.bank.AnswerKey;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.quiz.AttemptKeys;
import org.accord.quiz.AnswerText;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;

/** The review page, review sessions and flashcards, driven through the pages with the clock moved by whole days. */
@QuarkusTest
class ReviewPagesTest {

    private static final String SET = "the-founders";

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    @Inject
    ReviewService reviews;

    @BeforeEach
    void noon() {
        clock.advanceToNoonUtc();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Practises the set at once (fast answers): the first question wrong, the rest right. Returns the set's questions. */
    private List<Question> practiseSetMissingTheFirst(WebSession learner) {
        Response start = learner.post("/", "/practice", Map.of("set", List.of(SET)));
        assertEquals(303, start.statusCode());
        String attempt = start.header("Location").replaceAll(".*/attempts/([^/]+)/.*", "$1");
        QuestionSet set = bank.bank().set(SET).orElseThrow();
        for (int n = 1; n <= set.questionIds().size(); n++) {
            String page = "/attempts/" + attempt + "/questions/" + n;
            AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, n);
            Map<String, List<String>> form = n == 1 ? wrongForm(slot) : AttemptKeys.correctForm(slot);
            assertEquals(303, learner.post(page, page, form).statusCode());
        }
        return set.questionIds().stream().map(id -> bank.bank().question(id).orElseThrow()).toList();
    }

    private static Map<String, List<String>> wrongForm(AttemptKeys.Slot slot) {
        AnswerKey key = slot.question().key();
        assertTrue(key instanceof AnswerKey.Choice, "the set's first question is a single choice");
        AnswerKey.Choice c = (AnswerKey.Choice) key;
        List<Integer> shown = slot.arrangement().order(slot.question().id(), "choices", c.choices().size());
        int wrong = java.util.stream.IntStream.range(0, c.choices().size()).filter(i -> !c.correct().contains(i)).findFirst().orElseThrow();
        return Map.of("choice", List.of(String.valueOf(shown.indexOf(wrong))));
    }

    private static long dueToday(WebSession s) {
        return Long.parseLong(s.page("/review").selectFirst("#due-today").text().replaceAll(" due today", ""));
    }

    private static long dueThisWeek(WebSession s) {
        return Long.parseLong(s.page("/review").selectFirst("#due-week").text().replaceAll(" more due.*", ""));
    }

    @Test
    void answersScheduleReviewsByTheDocumentedRatings() {
        WebSession learner = new WebSession();
        learner.signUp("Rita Reviewer", "learner");
        assertEquals(0, dueToday(learner));
        List<Question> questions = practiseSetMissingTheFirst(learner);
        // Wrong is Again: due tomorrow. A fast right answer to a question the bank rates easy is Easy (8 days on a
        // first meeting); any other right answer is Good (3 days). See Ratings and the README.
        long easy = questions.stream().skip(1).filter(q -> q.difficulty() == 1).count();
        long good = questions.size() - 1 - easy;
        assertTrue(easy > 0 && good > 0, "the set should mix easy and harder questions");

        assertEquals(0, dueToday(learner), "nothing is due the day it was answered");
        assertEquals(1 + good, dueThisWeek(learner), "due within 7 days: the missed one and the Good ones");
        clock.advance(Duration.ofDays(1));
        assertEquals(1, dueToday(learner), "the missed question is due the next day");
        clock.advance(Duration.ofDays(2));
        assertEquals(1 + good, dueToday(learner));
        clock.advance(Duration.ofDays(5));
        assertEquals(questions.size(), dueToday(learner), "after 8 days every question is due");
    }

    @Test
    void aReviewSessionAsksTheDueQuestionsMostOverdueFirstAndReschedulesThem() {
        WebSession learner = new WebSession();
        learner.signUp("Otto Overdue", "learner");
        List<Question> questions = practiseSetMissingTheFirst(learner);
        clock.advance(Duration.ofDays(1));
        Response none = learner.post("/review", "/review", Map.of());
        assertEquals(303, none.statusCode());
        clock.advance(Duration.ofDays(2));
        long due = dueToday(learner);
        Response start = learner.post("/review", "/review", Map.of());
        assertEquals(303, start.statusCode());
        String location = start.header("Location");
        assertTrue(location.matches(".*/attempts/[0-9a-f-]{36}/questions/1"), location);
        String attempt = location.replaceAll(".*/attempts/([^/]+)/.*", "$1");
        // The missed question was due two days ago, the others today: it comes first.
        assertEquals(questions.get(0).id(), AttemptKeys.slot(bank, attempt, 1).question().id());
        // the Start kept this page for its redirect: a title changed behind the app's back does not show in it
        QuarkusTransaction.requiringNew().run(() -> org.accord.quiz.Attempt.update("title = ?1 where publicId = ?2",
                "Renamed behind the app", attempt));
        Document first = learner.page("/attempts/" + attempt + "/questions/1");
        assertEquals("Home · Review: due today", first.selectFirst(".crumbs").text(), "kept by the Start");
        assertTrue(first.text().contains("Question 1 of " + due), first.select("label[for=progress]").text());
        for (int n = 1; n <= due; n++) {
            String page = "/attempts/" + attempt + "/questions/" + n;
            assertEquals(303, learner.post(page, page, AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, n))).statusCode());
        }
        assertEquals(0, dueToday(learner), "every due question was reviewed and moved on");
    }

    @Test
    void aFlashcardShowsNoKeyUntilRevealedAndADoubleGradeCountsOnce() {
        WebSession learner = new WebSession();
        learner.signUp("Fran Flash", "learner");
        Document front = learner.page("/flashcards/founders");
        Element reveal = front.selectFirst("a[href^=/flashcards/founders/]");
        assertNotNull(reveal, "a new learner gets a new card");
        String questionId = reveal.attr("href").replace("/flashcards/founders/", "");
        Question q = bank.bank().question(questionId).orElseThrow();
        assertEquals(q.prompt(), front.selectFirst("#card-prompt").text());
        if (!(q.key() instanceof AnswerKey.Choice)) {
            for (String line : AnswerText.key(q.key())) {
                assertFalse(front.text().contains(line), "the front shows the answer " + line);
            }
        }
        assertFalse(front.text().contains(q.explanation()));

        String backPath = "/flashcards/founders/" + questionId;
        Document back = learner.page(backPath);
        assertEquals(AnswerText.key(q.key()), back.select(".answer-correct, .answer-correct li").eachText().stream()
                .filter(t -> AnswerText.key(q.key()).contains(t)).distinct().toList());
        assertEquals(List.of("Again next in 1 day", "Hard next in 2 days", "Good next in 3 days", "Easy next in 8 days"),
                back.select("button[name=rating]").eachText(), "a new card's four choices and their intervals (FSRS-6 defaults)");

        Map<String, List<String>> good = new HashMap<>(Map.of("rating", List.of("3"), "reps", List.of("0")));
        assertEquals(303, learner.post(backPath, backPath, good).statusCode());
        assertEquals(303, learner.post(backPath, backPath, good).statusCode(), "the replayed form is accepted quietly");
        assertEquals(1L, reviewsOf(questionId, "Fran Flash"), "the second submit of the same card changed nothing");
        Document next = learner.page("/flashcards/founders");
        assertFalse(next.select("a[href=" + backPath + "]").size() > 0, "the graded card does not come straight back");

        assertEquals(400, learner.post(backPath, backPath, Map.of("rating", List.of("7"), "reps", List.of("1"))).statusCode());
        assertEquals(404, learner.request().get("/flashcards/founders/crises-invasion-date").statusCode(),
                "a question of another topic is not a card of this one");
        assertEquals(404, learner.request().get("/flashcards/no-such-topic").statusCode());
    }

    /** Two submits of a card never graded, at the same instant: one review, and neither request fails. */
    @Test
    void twoGradesOfANewCardAtTheSameInstantCountOnce() throws Exception {
        WebSession session = new WebSession();
        session.signUp("Cora Concurrent", "learner");
        Learner learner = QuarkusTransaction.requiringNew().call(() -> Learner.<Learner>find(
                "id = (select a.learner.id from Account a where a.displayName = ?1)", "Cora Concurrent").firstResult());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Question q : bank.bank().inTopic("founders").subList(0, 10)) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(pool.submit(() -> {
                        go.await();
                        return QuarkusTransaction.requiringNew().call(
                                () -> reviews.recordFlashcard(learner, q.id(), Fsrs.Rating.GOOD, 0) != null);
                    }));
                }
                go.countDown();
                int recorded = 0;
                for (Future<Boolean> f : both) {
                    recorded += f.get(30, TimeUnit.SECONDS) ? 1 : 0; // a failed submit would throw here
                }
                assertEquals(1, recorded, q.id());
                assertEquals(1L, reviewsOf(q.id(), "Cora Concurrent"), q.id());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reviewPagesNeedAnAccountAndTheRetentionSettingIsChecked() {
        WebSession anonymous = new WebSession();
        for (String path : List.of("/review", "/flashcards", "/flashcards/founders")) {
            Response r = anonymous.request().get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.header("Location").contains("/login"), path);
        }
        WebSession learner = new WebSession();
        learner.signUp("Rhea Retention", "learner");
        Response bad = learner.post("/review", "/review/retention", Map.of("retention", List.of("0.5")));
        assertEquals(422, bad.statusCode());
        assertNotNull(WebSession.html(bad).selectFirst("#retention-error"));
        assertEquals(303, learner.post("/review", "/review/retention", Map.of("retention", List.of("0.95"))).statusCode());
        assertEquals("0.95", learner.page("/review").selectFirst("#retention option[selected]").attr("value"));
        Document back = learner.page("/flashcards/founders/" + bank.bank().inTopic("founders").get(0).id());
        assertEquals("Easy next in 4 days", back.select("button[name=rating]").get(3).text(),
                "a higher retention target brings a new card back sooner (8 days at 90%)");
    }

    private static long reviewsOf(String questionId, String displayName) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewLog.count(
                "questionId = ?1 and learner.id = (select a.learner.id from Account a where a.displayName = ?2)",
                questionId, displayName));
    }
}
