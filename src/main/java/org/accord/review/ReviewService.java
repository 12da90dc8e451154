package org.accord.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.accord.account.Learner;
import org.accord.progress.Activity;
import org.accord.review.Fsrs.Rating;

/** Keeps each learner's review states: flashcard grades are recorded here, answers in batches by AnswerReviews; both schedule with {@link #review}. */
@ApplicationScoped
public class ReviewService {

    public static final String FROM_QUIZ = "quiz";
    public static final String FROM_FLASHCARD = "flashcard";

    @Inject
    Clock clock;

    @Inject
    Activity activity;

    /** Days are calendar days in UTC, as in the reference scheduler. */
    public static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public LocalDate today() {
        return day(clock.instant());
    }

    public static Fsrs scheduler(Learner learner) {
        return new Fsrs(learner.desiredRetention);
    }

    /**
     * A flashcard the learner graded themselves. {@code shownReps} is the number of reviews the card
     * had when its page was shown: checked under the learner's row lock, so a second submit of the same
     * page (a double click, a reload, even at the same instant for a card never graded) is counted once.
     * Returns null when nothing was recorded.
     */
    @Transactional
    public ReviewLog recordFlashcard(Learner learner, String questionId, Rating rating, int shownReps) {
        activity.lock(learner);
        ReviewState before = ReviewState.forUpdate(learner, questionId).orElse(null);
        if ((before == null ? 0 : before.reps) != shownReps) {
            return null;
        }
        Instant now = clock.instant();
        activity.reviewed(learner, now);
        return record(learner, questionId, before, rating, now, FROM_FLASHCARD);
    }

    public ReviewState state(Learner learner, String questionId) {
        return ReviewState.<ReviewState>find("learner = ?1 and questionId = ?2", learner, questionId).firstResult();
    }

    /** The interval each rating would give now, for the flashcard buttons: index 0 is Again. */
    public int[] preview(Learner learner, String questionId) {
        ReviewState before = state(learner, questionId);
        Fsrs fsrs = scheduler(learner);
        Instant now = clock.instant();
        int[] days = new int[4];
        for (Rating r : Rating.values()) {
            days[r.grade - 1] = fsrs.review(before == null ? null : before.memory(), elapsedDays(before, now), r).intervalDays();
        }
        return days;
    }

    private ReviewLog record(Learner learner, String questionId, ReviewState before, Rating rating, Instant at, String source) {
        Reviewed reviewed = review(scheduler(learner), before, questionId, rating, at, source);
        reviewed.state().learner = learner;
        if (before == null) {
            reviewed.state().persist();
        }
        reviewed.log().learner = learner;
        reviewed.log().persist();
        return reviewed.log();
    }

    /** A review's outcome: the state after it, and its log row, neither saved. */
    public record Reviewed(ReviewState state, ReviewLog log) {
    }

    /**
     * What one rating does to a question's review state: {@code before} updated in place, or a new state
     * when it is null (a first meeting), and the log row that records the review. Saves nothing: the
     * flashcard path persists both as entities, the answer path ({@link AnswerReviews}) writes them in batches.
     */
    public static Reviewed review(Fsrs fsrs, ReviewState before, String questionId, Rating rating, Instant at, String source) {
        // Measured before the state below is updated in place (state and before are the same object).
        long elapsed = elapsedDays(before, at);
        Fsrs.Outcome outcome = fsrs.review(before == null ? null : before.memory(), elapsed, rating);
        ReviewState state = before;
        if (state == null) {
            state = new ReviewState();
            state.questionId = questionId;
        }
        state.stability = outcome.memory().stability();
        state.difficulty = outcome.memory().difficulty();
        state.reps++;
        if (before != null && rating == Rating.AGAIN) {
            state.lapses++;
        }
        state.lastRating = rating.grade;
        state.lastReviewAt = at;
        state.dueOn = day(at).plusDays(outcome.intervalDays());
        ReviewLog log = new ReviewLog();
        log.questionId = questionId;
        log.rating = rating.grade;
        log.source = source;
        log.reviewedAt = at;
        log.elapsedDays = (int) elapsed;
        log.scheduledDays = outcome.intervalDays();
        log.stability = state.stability;
        log.difficulty = state.difficulty;
        log.retrievability = outcome.retrievability();
        return new Reviewed(state, log);
    }

    private static long elapsedDays(ReviewState before, Instant at) {
        return before == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(day(before.lastReviewAt), day(at)));
    }

    /** Questions due on or before the day, most overdue first. */
    public List<ReviewState> due(Learner learner, LocalDate onOrBefore, int limit) {
        return ReviewState.<ReviewState>find("learner = ?1 and dueOn <= ?2 order by dueOn, lastReviewAt", learner, onOrBefore)
                .page(0, limit).list();
    }

    public long countDue(Learner learner, LocalDate onOrBefore) {
        return ReviewState.count("learner = ?1 and dueOn <= ?2", learner, onOrBefore);
    }

    /** The first day after {@code day} on which a question comes due. */
    public java.util.Optional<LocalDate> nextDueAfter(Learner learner, LocalDate day) {
        return ReviewState.<ReviewState>find("learner = ?1 and dueOn > ?2 order by dueOn", learner, day)
                .firstResultOptional().map(s -> s.dueOn);
    }
}
