package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.accord.bank.BankStore;
import org.accord.quiz.Answer;
import org.accord.quiz.AttemptKeys;
import org.accord.web.WebSession;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * An answer whose write the group commit could not make durable (a full disk, say) is not reported as
 * saved: the learner gets a 503 page that says it could not be confirmed, not the redirect onwards, and
 * the reload it advises shows what was kept.
 */
@QuarkusTest
class UnconfirmedWriteTest {

    @Inject
    BankStore bank;

    @Test
    void anAnswerThatCouldNotBeMadeDurableIsNotReportedAsSaved() {
        WebSession learner = new WebSession();
        Response started = learner.post("/", "/practice", Map.of("topic", List.of("founders"), "count", List.of("2")));
        assertEquals(303, started.statusCode(), started.asString());
        String question = started.header("Location").replaceAll("^https?://[^/]+", "");
        String attemptId = question.replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
        Map<String, List<String>> answer = AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 1));

        // the tests' database is in memory, which has no group commit: this one has, and its flush fails
        QuarkusMock.installMockForType(new DurableWrites(() -> {
            throw new SQLException("No space left on device");
        }), DurableWrites.class);
        Response refused = learner.post(question, question, answer);

        assertEquals(503, refused.statusCode());
        assertNull(refused.header("Location"), "no redirect onwards, as if it were saved");
        Document page = WebSession.html(refused);
        String says = page.select("main").text();
        assertTrue(says.contains("could not be confirmed") && says.contains("reload the page"), says);
        assertFalse(page.text().contains("SQLException") || page.text().contains("No space left"), "no internals in the page: " + page.text());

        // a form refused as it stands wrote nothing, so it has nothing to confirm: its 422 and message come back as ever
        Response invalid = learner.post(question2(question), question2(question), Map.of());
        assertEquals(422, invalid.statusCode(), "a refused form is not turned into a 503 by the failing flush");
        assertFalse(WebSession.html(invalid).select("p.field-error").isEmpty(), "the message beside the field");

        // once the disk works again, the reload shows the answer the database kept, and a resend changes nothing
        QuarkusMock.installMockForType(new DurableWrites(() -> { }), DurableWrites.class);
        assertEquals(1, answersIn(attemptId));
        assertTrue(learner.page(question).text().contains("Your answer"), "the reloaded page shows the kept answer");
        Response resent = learner.post("/", question, answer); // the answered page has no form left: a replayed one
        assertEquals(303, resent.statusCode());
        assertEquals(1, answersIn(attemptId));
    }

    /** The attempt's second question, still unanswered. */
    private static String question2(String question) {
        return question.replaceAll("/questions/1$", "/questions/2");
    }

    private static long answersIn(String attemptId) {
        return QuarkusTransaction.requiringNew().call(() -> Answer.count("item.attempt.publicId", attemptId));
    }
}
