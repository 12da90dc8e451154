package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.accord.bank.AnswerKey;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.bank.Topic;
import org.accord.web.WebSession;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuizPagesTest {

    @Inject
    BankStore bank;

    /** Starts a practice quiz and returns its attempt id. */
    static String start(WebSession session, String topic, int count) {
        Response r = session.post("/", "/practice", Map.of("topic", List.of(topic), "count", List.of(String.valueOf(count))));
        assertEquals(303, r.statusCode(), r.asString());
        String location = r.header("Location");
        assertTrue(location.matches(".*/attempts/[0-9a-f-]{36}/questions/1"), location);
        return location.replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
    }

    static String questionPath(String attemptId, int n) {
        return "/attempts/" + attemptId + "/questions/" + n;
    }

    long answersIn(String attemptId) {
        return QuarkusTransaction.requiringNew().call(() -> Answer.count("item.attempt.publicId", attemptId));
    }

    @Test
    void theHomePageListsEveryTopicWithItsQuestionCount() {
        Document home = new WebSession().page("/");
        List<Element> cards = home.select("#topics-heading + ul li.topic");
        assertEquals(bank.topics().size(), cards.size());
        for (int i = 0; i < cards.size(); i++) {
            Topic topic = bank.topics().get(i);
            int count = bank.bank().inTopic(topic.id()).size();
            assertEquals(topic.title(), cards.get(i).selectFirst("h3").text());
            assertEquals(count + " questions", cards.get(i).selectFirst(".meta").text());
        }
        Element count = home.selectFirst("input#count");
        assertEquals("10", count.val());
        assertNotNull(home.selectFirst("label[for=count]"));
    }

    @Test
    void aCuratedSetIsListedAndPractisedInItsOwnOrder() {
        QuestionSet set = bank.bank().sets().get(0);
        WebSession session = new WebSession();
        Element card = session.page("/").select("li.set").stream()
                .filter(c -> c.selectFirst("h3").text().equals(set.title())).findFirst().orElseThrow();
        assertEquals(set.questionIds().size() + " questions", card.selectFirst(".meta").text());
        Response r = session.post("/", "/practice", Map.of("set", List.of(set.id())));
        assertEquals(303, r.statusCode());
        String attempt = r.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
        for (int n = 1; n <= set.questionIds().size(); n++) {
            assertEquals(set.questionIds().get(n - 1), AttemptKeys.slot(bank, attempt, n).question().id());
        }
        assertEquals(404, session.request().get(questionPath(attempt, set.questionIds().size() + 1)).statusCode());
        assertEquals(422, session.post("/", "/practice", Map.of("set", List.of("no-such-set"))).statusCode());
    }

    @Test
    void startingAQuizGivesAGuestCookieThatScriptsCannotRead() {
        WebSession session = new WebSession();
        Response r = session.post("/", "/practice", Map.of("topic", List.of("founders")));
        assertEquals(303, r.statusCode());
        String setCookie = r.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("accord_guest=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), setCookie);
    }

    @Test
    void aQuizWithoutTopicsOrWithABadCountIsRefusedWithTheMessageNextToTheField() {
        WebSession session = new WebSession();
        Response r = session.post("/", "/practice", Map.of("count", List.of("500")));
        assertEquals(422, r.statusCode());
        Document page = WebSession.html(r);
        assertEquals("Choose at least one topic.", page.selectFirst("#topic-error").text());
        assertEquals("Enter a whole number of questions from 1 to 50.", page.selectFirst("#count-error").text());
        assertEquals("500", page.selectFirst("input#count").val(), "the learner's input is kept");
        assertEquals("true", page.selectFirst("input#count").attr("aria-invalid"));
    }

    @Test
    void aQuestionPageNeverCarriesTheAnswerKey() {
        for (Topic topic : bank.topics()) {
            Set<String> unseen = new HashSet<>(bank.bank().inTopic(topic.id()).stream().map(Question::id).toList());
            // a quiz holds at most 50 questions, so larger topics take a few quizzes to show every question
            for (int round = 0; round < 20 && !unseen.isEmpty(); round++) {
                WebSession session = new WebSession();
                String attempt = start(session, topic.id(), 50);
                int total = Math.min(50, bank.bank().inTopic(topic.id()).size());
                for (int n = 1; n <= total; n++) {
                    Document page = session.page(questionPath(attempt, n));
                    Question q = AttemptKeys.slot(bank, attempt, n).question();
                    unseen.remove(q.id());
                    String html = page.html();
                    String lower = html.toLowerCase(Locale.ROOT);
                    assertFalse(html.contains(q.explanation()), q.id() + ": explanation shown before answering");
                    assertTrue(page.select("input[type=hidden]").stream().allMatch(e -> e.attr("name").equals("csrf-token")),
                            q.id() + ": a hidden field other than the CSRF token");
                    assertTrue(page.select("[checked], [selected]").isEmpty(), q.id() + ": a pre-selected answer");
                    assertTrue(page.select("[data-correct], .correct, [class*=answer-correct]").isEmpty(), q.id());
                    Element input = page.selectFirst("input[name=answer]:not([type=radio])");
                    if (input != null) {
                        assertEquals("", input.val(), q.id() + ": the answer field comes filled in");
                    }
                    if (q.key() instanceof AnswerKey.Text t) {
                        // Short answers such as "10" occur in any page by chance; longer ones must not occur at all.
                        t.accepted().stream().filter(a -> a.length() >= 4).forEach(accepted ->
                                assertFalse(lower.contains(accepted.toLowerCase(Locale.ROOT)), q.id() + ": text answer on the page"));
                    }
                    if (q.key() instanceof AnswerKey.Ordering o) {
                        List<String> shown = page.select(".row label").eachText();
                        assertFalse(shown.equals(o.items()), q.id() + ": items shown in their correct order");
                    }
                }
            }
            assertTrue(unseen.isEmpty(), "questions never shown: " + unseen);
        }
    }

    @Test
    void answeringShowsFeedbackWithTheCorrectAnswerExplanationAndSources() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 3);
        AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, 1);
        Response r = session.post(questionPath(attempt, 1), questionPath(attempt, 1), AttemptKeys.correctForm(slot));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith(questionPath(attempt, 1)));

        Document feedback = session.page(questionPath(attempt, 1));
        assertEquals("Correct", feedback.selectFirst("#verdict").text());
        assertEquals(AnswerText.key(slot.question().key()),
                feedback.select(".answer-correct li, p.answer-correct").eachText());
        assertEquals(slot.question().explanation(), feedback.selectFirst(".explanation").text());
        assertEquals(slot.question().sources().size(), feedback.select("ul.sources li").size());
        assertEquals(questionPath(attempt, 2), feedback.selectFirst("nav.next a").attr("href"));
        assertEquals(1, answersIn(attempt));
    }

    @Test
    void aWrongAnswerIsMarkedWrongAndStillShowsTheCorrectOne() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 50);
        int n = 1;
        AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, n);
        while (!(slot.question().key() instanceof AnswerKey.Choice c && !c.multiple())) {
            slot = AttemptKeys.slot(bank, attempt, ++n);
        }
        String right = AttemptKeys.correctForm(slot).get("choice").get(0);
        String wrong = right.equals("0") ? "1" : "0";
        session.post(questionPath(attempt, n), questionPath(attempt, n), Map.of("choice", List.of(wrong)));
        Document feedback = session.page(questionPath(attempt, n));
        assertEquals("Not correct", feedback.selectFirst("#verdict").text());
        assertEquals(AnswerText.key(slot.question().key()), List.of(feedback.selectFirst(".answer-correct").text()));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithAMessageAndNothingIsStored() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 50);
        int n = 1;
        while (AttemptKeys.slot(bank, attempt, n).question().key() instanceof AnswerKey.Text) {
            n++; // any text is a valid short answer, so pick a question that expects a choice, number or position
        }
        Response r = session.post(questionPath(attempt, n), questionPath(attempt, n),
                Map.of("choice", List.of("banana"), "answer", List.of("banana"), "position-0", List.of("banana"),
                        "match-0", List.of("banana")));
        assertEquals(422, r.statusCode());
        Document page = WebSession.html(r);
        assertFalse(page.selectFirst("#answer-error").text().isBlank());
        assertNotNull(page.selectFirst("form.question"), "the question is shown again to answer");
        assertEquals(0, answersIn(attempt));
    }

    @Test
    void aSecondSubmitOfTheSameQuestionIsCountedOnce() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 2);
        AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, 1);
        Map<String, List<String>> form = AttemptKeys.correctForm(slot);
        assertEquals(303, session.post(questionPath(attempt, 1), questionPath(attempt, 1), form).statusCode());
        String token = session.csrfToken("/");
        Map<String, List<String>> again = new java.util.HashMap<>(form);
        again.put("csrf-token", List.of(token));
        assertEquals(303, session.postRaw(questionPath(attempt, 1), again).statusCode());
        assertEquals(1, answersIn(attempt));
        assertEquals("Correct", session.page(questionPath(attempt, 1)).selectFirst("#verdict").text());
    }

    @Test
    void anotherLearnersAttemptOrAnUnknownQuestionIsNotFound() {
        WebSession owner = new WebSession();
        String attempt = start(owner, "founders", 2);
        WebSession stranger = new WebSession();
        start(stranger, "membership", 1);
        assertEquals(404, stranger.request().get(questionPath(attempt, 1)).statusCode());
        assertEquals(404, stranger.request().get("/attempts/" + attempt + "/result").statusCode());
        Response post = stranger.post("/", questionPath(attempt, 1), AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1)));
        assertEquals(404, post.statusCode());
        assertEquals(404, stranger.post("/", "/attempts/" + attempt + "/finish", Map.of()).statusCode());
        assertEquals(0, answersIn(attempt));
        assertEquals(404, owner.request().get(questionPath(attempt, 3)).statusCode());
        assertEquals(404, owner.request().get(questionPath(attempt, 0)).statusCode());
        assertEquals(404, owner.request().get("/attempts/" + attempt + "/questions/abc").statusCode());
        Document notFound = WebSession.html(owner.request().get(questionPath(attempt, 3)));
        assertEquals("Page not found", notFound.selectFirst("h1").text());
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 2);
        Response r = session.postRaw(questionPath(attempt, 1), AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1)));
        assertEquals(400, r.statusCode());
        assertEquals(0, answersIn(attempt));
        assertNotNull(WebSession.html(r).selectFirst("h1"), "a page that says what happened");
    }

    @Test
    void leavingAndComingBackResumesAtTheFirstUnansweredQuestion() {
        WebSession session = new WebSession();
        String attempt = start(session, "membership", 4);
        for (int n = 1; n <= 2; n++) {
            session.post(questionPath(attempt, n), questionPath(attempt, n), AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, n)));
        }
        Document home = session.page("/");
        Element resume = home.selectFirst("ul.resume a");
        assertEquals("/attempts/" + attempt, resume.attr("href"));
        assertTrue(home.selectFirst("ul.resume .meta").text().startsWith("2 of 4 answered"));
        Response r = session.request().get("/attempts/" + attempt);
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith(questionPath(attempt, 3)));
    }

    @Test
    void finishingEveryQuestionLeadsToAResultWithEachAnswerAndTheScore() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 3);
        for (int n = 1; n <= 3; n++) {
            Map<String, List<String>> form = n == 2 ? wrongForm(AttemptKeys.slot(bank, attempt, n)) : AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, n));
            session.post(questionPath(attempt, n), questionPath(attempt, n), form);
        }
        Document last = session.page(questionPath(attempt, 3));
        assertEquals("/attempts/" + attempt + "/result", last.selectFirst("nav.next a").attr("href"));
        Document result = session.page("/attempts/" + attempt + "/result");
        assertTrue(result.selectFirst("#score").text().startsWith("2 / 3"), result.selectFirst("#score").text());
        assertEquals(3, result.select("ol.review > li").size());
        assertEquals("Correct", result.select("ol.review > li").get(0).selectFirst(".verdict").text());
        assertEquals("Not correct", result.select("ol.review > li").get(1).selectFirst(".verdict").text());
        assertTrue(result.selectFirst("#time-taken").text().matches("\\d+ s|\\d+ min \\d+ s"));
        assertTrue(session.page("/").select("ul.resume a").isEmpty(), "a finished attempt is no longer offered to resume");
    }

    @Test
    void finishingEarlyScoresUnansweredQuestionsAsZero() {
        WebSession session = new WebSession();
        String attempt = start(session, "founders", 3);
        session.post(questionPath(attempt, 1), questionPath(attempt, 1), AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1)));
        Response r = session.post(questionPath(attempt, 2), "/attempts/" + attempt + "/finish", Map.of());
        assertEquals(303, r.statusCode());
        Document result = session.page("/attempts/" + attempt + "/result");
        assertTrue(result.selectFirst("#score").text().startsWith("1 / 3"));
        assertEquals("Not answered", result.select("ol.review > li").get(2).selectFirst(".verdict").text());
        Response late = session.post("/", questionPath(attempt, 2), AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 2)));
        assertEquals(303, late.statusCode());
        assertEquals(1, answersIn(attempt), "a finished attempt takes no more answers");
    }

    /** A form that answers wrongly: the correct form for a different, wrong value. */
    static Map<String, List<String>> wrongForm(AttemptKeys.Slot slot) {
        AnswerKey key = slot.question().key();
        if (key instanceof AnswerKey.TrueFalse t) {
            return Map.of("answer", List.of(String.valueOf(!t.answer())));
        }
        if (key instanceof AnswerKey.Numeric n) {
            return Map.of("answer", List.of(n.answer().add(n.tolerance()).add(java.math.BigDecimal.ONE).toPlainString()));
        }
        if (key instanceof AnswerKey.Text) {
            return Map.of("answer", List.of("Atlantis"));
        }
        if (key instanceof AnswerKey.Choice c) {
            List<Integer> shown = slot.arrangement().order(slot.question().id(), "choices", c.choices().size());
            int wrongIndex = java.util.stream.IntStream.range(0, c.choices().size()).filter(i -> !c.correct().contains(i)).findFirst().orElseThrow();
            return Map.of("choice", List.of(String.valueOf(shown.indexOf(wrongIndex))));
        }
        if (key instanceof AnswerKey.Ordering o) {
            List<Integer> shown = slot.arrangement().order(slot.question().id(), "items", o.items().size());
            Map<String, List<String>> form = new java.util.HashMap<>();
            for (int d = 0; d < shown.size(); d++) {
                form.put("position-" + d, List.of(String.valueOf(o.items().size() - shown.get(d))));
            }
            return form;
        }
        AnswerKey.Matching m = (AnswerKey.Matching) key;
        List<Integer> shown = slot.arrangement().order(slot.question().id(), "rights", m.rights().size());
        Map<String, List<String>> form = new java.util.HashMap<>();
        for (int i = 0; i < m.lefts().size(); i++) {
            int wrongRight = (m.answers().get(i) + 1) % m.rights().size();
            form.put("match-" + i, List.of(String.valueOf(shown.indexOf(wrongRight))));
        }
        return form;
    }
}
