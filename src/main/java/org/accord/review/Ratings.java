package org.accord.review;

import org.accord.bank.QuestionType;
import org.accord.review.Fsrs.Rating;

/**
 * Turns an answer on a question page into an FSRS rating (documented in the README, "Spaced review"):
 * <ul>
 * <li>under half the marks: Again;</li>
 * <li>half the marks or more but not all: Hard;</li>
 * <li>all the marks, but slow (over three times the usual time for the question's type): Hard;</li>
 * <li>all the marks, fast (within the usual time) and the question is easy for this learner: Easy;</li>
 * <li>all the marks otherwise: Good.</li>
 * </ul>
 * A question is easy for this learner when their last rating of it was Good or Easy and its FSRS
 * difficulty is 5 or less; on a first meeting, when the bank rates it easy (difficulty 1).
 */
public final class Ratings {

    private Ratings() {
    }

    /** Seconds a learner who knows the answer usually needs, by type. */
    public static int usualSeconds(QuestionType type) {
        switch (type) {
            case TRUEFALSE:
                return 8;
            case SINGLE:
            case NUMERIC:
                return 12;
            case TEXT:
                return 15;
            case MULTIPLE:
                return 20;
            case ORDERING:
            case MATCHING:
                return 30;
            default:
                throw new IllegalArgumentException(type.name());
        }
    }

    /**
     * @param score the answer's share of the marks, 0 to 1
     * @param durationMs time from showing the question to the answer, or null if unknown
     * @param before the learner's review state of the question, or null on a first meeting
     */
    public static Rating forAnswer(QuestionType type, int bankDifficulty, double score, Long durationMs, ReviewState before) {
        if (score < 0.5) {
            return Rating.AGAIN;
        }
        if (score < 1) {
            return Rating.HARD;
        }
        if (durationMs == null) {
            return Rating.GOOD;
        }
        long usual = usualSeconds(type) * 1000L;
        if (durationMs > 3 * usual) {
            return Rating.HARD;
        }
        if (durationMs <= usual && easyForLearner(bankDifficulty, before)) {
            return Rating.EASY;
        }
        return Rating.GOOD;
    }

    static boolean easyForLearner(int bankDifficulty, ReviewState before) {
        if (before == null) {
            return bankDifficulty == 1;
        }
        return before.lastRating >= Rating.GOOD.grade && before.difficulty <= 5;
    }
}
