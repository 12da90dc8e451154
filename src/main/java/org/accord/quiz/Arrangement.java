package org.accord.quiz;

import java.util.List;

/**
 * How one attempt lays out its questions' options: the shuffle seed, and whether choices are
 * shuffled per student. A teacher may turn that off so that every student sees the same order (to
 * talk about "option B" in class); that order is still a shuffle, fixed per question, never the
 * file's order, which often lists the right answers first. Ordering items and matching options are
 * always shuffled per attempt.
 */
public record Arrangement(long seed, boolean shuffleChoices) {

    private static final long SAME_FOR_EVERYONE = 0x5EED_0F_ACC0L;

    public List<Integer> order(String questionId, String part, int size) {
        if (!shuffleChoices && part.equals("choices")) {
            return Shuffle.order(SAME_FOR_EVERYONE, questionId, part, size);
        }
        return Shuffle.order(seed, questionId, part, size);
    }
}
