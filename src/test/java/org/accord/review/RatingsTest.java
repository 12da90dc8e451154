package org.accord.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.accord.bank.QuestionType;
import org.accord.review.Fsrs.Rating;
import org.junit.jupiter.api.Test;

class RatingsTest {

    private static ReviewState seen(Rating last, double difficulty) {
        ReviewState s = new ReviewState();
        s.lastRating = last.grade;
        s.difficulty = difficulty;
        return s;
    }

    @Test
    void wrongIsAgainAndPartlyRightIsHard() {
        assertEquals(Rating.AGAIN, Ratings.forAnswer(QuestionType.SINGLE, 1, 0, 1000L, null));
        assertEquals(Rating.AGAIN, Ratings.forAnswer(QuestionType.MATCHING, 1, 0.4, 1000L, null));
        assertEquals(Rating.HARD, Ratings.forAnswer(QuestionType.MATCHING, 1, 0.5, 1000L, null));
        assertEquals(Rating.HARD, Ratings.forAnswer(QuestionType.MULTIPLE, 2, 0.75, 1000L, seen(Rating.EASY, 1)));
    }

    @Test
    void aRightAnswerIsHardWhenSlowGoodWhenUsualAndEasyOnlyWhenFastAndEasyForThisLearner() {
        // single choice: usual time 12 s, slow beyond 36 s
        assertEquals(Rating.HARD, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 36_001L, null));
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 36_000L, null));
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 12_001L, null));
        assertEquals(Rating.EASY, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 12_000L, null), "first meeting, bank-easy");
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.SINGLE, 2, 1, 3_000L, null), "first meeting, not bank-easy");
        assertEquals(Rating.EASY, Ratings.forAnswer(QuestionType.SINGLE, 3, 1, 3_000L, seen(Rating.GOOD, 4.9)));
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 3_000L, seen(Rating.AGAIN, 2)), "missed last time");
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.SINGLE, 1, 1, 3_000L, seen(Rating.GOOD, 6)), "hard for this learner");
        // ordering gets more time: 30 s usual, 90 s before it counts as slow
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.ORDERING, 2, 1, 90_000L, null));
        assertEquals(Rating.GOOD, Ratings.forAnswer(QuestionType.TEXT, 1, 1, null, null), "unknown time");
    }
}
