package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.accord.progress.Mastery.Figures;
import org.accord.progress.Mastery.Level;
import org.junit.jupiter.api.Test;

class MasteryTest {

    /** A topic of 10 questions. */
    private static Level level(long answers, int covered, double recent, int retained) {
        return Mastery.level(new Figures(answers, 10, covered, recent, retained));
    }

    @Test
    void aTopicWithoutAnswersIsNotStartedWhateverElseIsKnown() {
        assertEquals(Level.NOT_STARTED, level(0, 10, 1.0, 10));
    }

    @Test
    void oneAnswerMakesATopicLearningUntilEnoughIsMetAndRight() {
        assertEquals(Level.LEARNING, level(1, 1, 1.0, 1));
        assertEquals(Level.LEARNING, level(5, 2, 1.0, 2), "29% met is not yet familiar");
        assertEquals(Level.LEARNING, level(5, 3, 0.59, 3), "59% right is not yet familiar");
    }

    @Test
    void familiarNeedsAThirdMetAndSixtyPercentRightExactlyAtTheThreshold() {
        assertEquals(Level.FAMILIAR, level(5, 3, 0.6, 0));
        assertEquals(Level.FAMILIAR, level(5, 3, (0.2 + 0.4 + 1.0 + 0.8) / 4, 0), "an average that rounds to 0.6 counts");
    }

    @Test
    void proficientAlsoNeedsHalfTheTopicRecalledToday() {
        assertEquals(Level.PROFICIENT, level(20, 6, 0.75, 5));
        assertEquals(Level.FAMILIAR, level(20, 6, 0.75, 4), "recall below half holds it at familiar");
        assertEquals(Level.FAMILIAR, level(20, 6, 0.74, 6));
        assertEquals(Level.FAMILIAR, level(20, 5, 0.9, 9));
    }

    @Test
    void masteredNeedsNinetyPercentMetNinetyRightAndEightyRecalled() {
        assertEquals(Level.MASTERED, level(40, 9, 0.9, 8));
        assertEquals(Level.PROFICIENT, level(40, 9, 0.9, 7));
        assertEquals(Level.PROFICIENT, level(40, 8, 1.0, 10));
        assertEquals(Level.PROFICIENT, level(40, 10, 0.89, 10));
    }

    @Test
    void anEmptyTopicNeverCountsAsCovered() {
        assertEquals(Level.LEARNING, Mastery.level(new Figures(3, 0, 0, 1.0, 0)));
    }
}
