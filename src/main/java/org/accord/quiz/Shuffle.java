package org.accord.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The display order of a question's options within one attempt. It is derived again from the
 * attempt's seed on every request, so the page never needs to carry it and cannot tamper with it.
 */
public final class Shuffle {

    private Shuffle() {
    }

    /** Element d is the file index of the option shown at position d. */
    public static List<Integer> order(long attemptSeed, String questionId, String part, int size) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        // java.util.Random's sequence is fixed by its specification, so the order is stable across restarts.
        long seed = attemptSeed * 31 + (questionId + "/" + part).hashCode();
        Collections.shuffle(order, new Random(seed));
        if (size > 1 && isIdentity(order)) {
            // Items shown in their correct order would give the answer away, so never show them so.
            Collections.rotate(order, 1);
        }
        return order;
    }

    private static boolean isIdentity(List<Integer> order) {
        return IntStream.range(0, order.size()).allMatch(i -> order.get(i) == i);
    }
}
