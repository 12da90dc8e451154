package org.accord.classroom;

import java.util.List;
import java.util.OptionalDouble;

/** Which finished attempts make a student's grade for an assignment. Pure. */
public final class Grades {

    private Grades() {
    }

    /**
     * The counted share (0 to 1) from finished attempts' shares, oldest first; empty where there is
     * no finished attempt.
     */
    public static OptionalDouble counted(Assignment.Counting rule, List<Double> sharesOldestFirst) {
        if (sharesOldestFirst.isEmpty()) {
            return OptionalDouble.empty();
        }
        return switch (rule) {
            case HIGHEST -> sharesOldestFirst.stream().mapToDouble(Double::doubleValue).max();
            case LAST -> OptionalDouble.of(sharesOldestFirst.get(sharesOldestFirst.size() - 1));
            case FIRST -> OptionalDouble.of(sharesOldestFirst.get(0));
            case AVERAGE -> sharesOldestFirst.stream().mapToDouble(Double::doubleValue).average();
        };
    }

    /** The index of the attempt whose details stand for the grade (for AVERAGE, the last one). */
    public static int representative(Assignment.Counting rule, List<Double> sharesOldestFirst) {
        if (rule == Assignment.Counting.FIRST) {
            return 0;
        }
        if (rule == Assignment.Counting.HIGHEST) {
            int best = 0;
            for (int i = 1; i < sharesOldestFirst.size(); i++) {
                if (sharesOldestFirst.get(i) > sharesOldestFirst.get(best)) {
                    best = i;
                }
            }
            return best;
        }
        return sharesOldestFirst.size() - 1;
    }
}
