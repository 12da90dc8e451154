package org.accord.quiz;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How one attempt lays out its questions' options: the shuffle seed, and whether choices are
 * shuffled at all (a teacher may keep them in file order). Ordering items and matching options are
 * always shuffled, since their file order would give the answer away.
 */
public record Arrangement(long seed, boolean shuffleChoices) {

    public List<Integer> order(String questionId, String part, int size) {
        if (!shuffleChoices && part.equals("choices")) {
            return IntStream.range(0, size).boxed().toList();
        }
        return Shuffle.order(seed, questionId, part, size);
    }
}
