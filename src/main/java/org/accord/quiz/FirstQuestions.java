package org.accord.quiz;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.web.PageCache;

/**
 * The first question of an attempt just started, kept for the redirect that follows the Start. When a whole class
 * presses Start at once, the page each student is sent to is then served from the page cache on the event loop,
 * not rendered by a second request that finds its session, reads the attempt back and writes when it was shown.
 * The Start built the page from what it wrote ({@link QuizService.NewAttempt}), so keeping it costs its render only.
 * A browser that follows the redirect with other cookies (or reaches another instance) gets the page rendered as usual.
 */
@ApplicationScoped
public class FirstQuestions {

    @Inject
    PageCache pages;

    /** Taken by the Start before it reads anything; given back to {@link #keep}. */
    public long before() {
        return pages.epoch();
    }

    /** After the Start's transaction has committed: keeps its first question's page, where it may be kept. */
    public void keep(QuestionPage first, long learnerId, long before) {
        if (first == null || first.secondsLeft() != null) {
            return; // nothing to show, or a timer that must be as of the view: rendered at every view
        }
        try {
            PageCache.Ticket ticket = pages.ticketFor(AttemptResource.questionUrl(first.attemptId(), 1), learnerId, before);
            if (ticket != null) {
                byte[] body = AttemptResource.Templates.question(first).render().getBytes(StandardCharsets.UTF_8);
                pages.store(ticket, body, first.closesAt());
            }
        } catch (RuntimeException e) {
            // the attempt is saved and the redirect still leads to its page, which is then rendered on its own request
            Log.warn("could not keep a new attempt's first question page", e);
        }
    }
}
