package org.accord.review;

import java.util.Arrays;

/**
 * FSRS-6, the Free Spaced Repetition Scheduler, in its long-term form: every review is scheduled a
 * whole number of days ahead, with no same-day learning steps. Written from the published formulas
 * (open-spaced-repetition, "The Algorithm", FSRS-6) and checked day by day against the reference
 * implementation ts-fsrs 5.4.2 in {@code FsrsGoldenTest}. Intermediate values are rounded to eight
 * decimals where the reference rounds them, so that intervals agree to the day.
 */
public final class Fsrs {

    /** The 21 published default parameters of FSRS-6 (w0 to w20). */
    public static final double[] DEFAULT_W = {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
    };
    public static final double DEFAULT_RETENTION = 0.9;
    public static final int MAX_INTERVAL_DAYS = 36500;

    private static final double S_MIN = 0.001;
    private static final double S_MAX = 36500;

    private final double[] w;
    private final double retention;
    private final int maxInterval;
    private final double decay;
    private final double factor;
    private final double intervalModifier;

    public Fsrs(double desiredRetention) {
        this(DEFAULT_W, desiredRetention, MAX_INTERVAL_DAYS);
    }

    public Fsrs(double[] parameters, double desiredRetention, int maxIntervalDays) {
        if (parameters.length != 21) {
            throw new IllegalArgumentException("FSRS-6 takes 21 parameters, not " + parameters.length);
        }
        if (!(desiredRetention > 0 && desiredRetention < 1)) {
            throw new IllegalArgumentException("desired retention must be between 0 and 1, not " + desiredRetention);
        }
        this.w = parameters.clone();
        this.retention = desiredRetention;
        this.maxInterval = maxIntervalDays;
        this.decay = -w[20];
        this.factor = round8(Math.exp(Math.log(0.9) / decay) - 1);
        this.intervalModifier = round8((Math.pow(retention, 1 / decay) - 1) / factor);
    }

    public double desiredRetention() {
        return retention;
    }

    /** How a learner rated one recall, as in FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy. */
    public enum Rating {
        AGAIN(1, "Again"), HARD(2, "Hard"), GOOD(3, "Good"), EASY(4, "Easy");

        public final int grade;
        public final String label;

        Rating(int grade, String label) {
            this.grade = grade;
            this.label = label;
        }

        public static Rating of(int grade) {
            for (Rating r : values()) {
                if (r.grade == grade) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no rating " + grade);
        }
    }

    /** Memory of one question: stability in days (the interval at 90% recall) and difficulty 1 to 10. */
    public record Memory(double stability, double difficulty) {
    }

    /** The memory after a review and the days until the next one. */
    public record Outcome(Memory memory, int intervalDays, double retrievability) {
    }

    /** Probability of recall after {@code elapsedDays} for a memory of the given stability. */
    public double retrievability(double elapsedDays, double stability) {
        return round8(Math.pow(1 + factor * elapsedDays / stability, decay));
    }

    /**
     * Schedules one review.
     *
     * @param before the memory before the review, or null for a question never reviewed
     * @param elapsedDays whole days since the previous review (calendar days, UTC); ignored for a first review
     */
    public Outcome review(Memory before, long elapsedDays, Rating rating) {
        if (elapsedDays < 0) {
            throw new IllegalArgumentException("elapsed days cannot be negative: " + elapsedDays);
        }
        long t = before == null ? 0 : elapsedDays;
        double r = before == null ? 1 : retrievability(t, before.stability());
        Memory[] next = new Memory[4];
        int[] days = new int[4];
        for (Rating g : Rating.values()) {
            next[g.grade - 1] = nextMemory(before, r, g);
            days[g.grade - 1] = interval(next[g.grade - 1].stability());
        }
        // The reference keeps the four choices in order: Again < Hard < Good < Easy, a day apart at least.
        days[0] = Math.min(days[0], days[1]);
        days[1] = Math.max(days[1], days[0] + 1);
        days[2] = Math.max(days[2], days[1] + 1);
        days[3] = Math.max(days[3], days[2] + 1);
        return new Outcome(next[rating.grade - 1], days[rating.grade - 1], r);
    }

    private Memory nextMemory(Memory before, double r, Rating g) {
        if (before == null) {
            return new Memory(Math.max(w[g.grade - 1], 0.1), clamp(initialDifficulty(g.grade), 1, 10));
        }
        double s = before.stability();
        double d = before.difficulty();
        double stability;
        if (g == Rating.AGAIN) {
            double forget = round8(clamp(w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1)
                    * Math.exp((1 - r) * w[14]), S_MIN, S_MAX));
            stability = clamp(round8(s), S_MIN, forget); // long-term: never above the stability before the lapse
        } else {
            double hard = g == Rating.HARD ? w[15] : 1;
            double easy = g == Rating.EASY ? w[16] : 1;
            stability = round8(clamp(s * (1 + Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9])
                    * (Math.exp((1 - r) * w[10]) - 1) * hard * easy), S_MIN, S_MAX));
        }
        return new Memory(stability, nextDifficulty(d, g.grade));
    }

    private double initialDifficulty(int grade) {
        return round8(w[4] - Math.exp((grade - 1) * w[5]) + 1);
    }

    private double nextDifficulty(double d, int grade) {
        double delta = -w[6] * (grade - 3);
        double damped = d + round8(delta * (10 - d) / 9);
        double reverted = round8(w[7] * initialDifficulty(4) + (1 - w[7]) * damped);
        return clamp(reverted, 1, 10);
    }

    private int interval(double stability) {
        long days = Math.round(stability * intervalModifier);
        return (int) Math.min(Math.max(1, days), maxInterval);
    }

    private static double clamp(double v, double min, double max) {
        return Math.min(Math.max(v, min), max);
    }

    /** Rounds half up at the eighth decimal, as the reference's roundTo does. */
    private static double round8(double v) {
        return Math.round(v * 1e8) / 1e8;
    }

    @Override
    public String toString() {
        return "FSRS-6 " + Arrays.toString(w) + " retention " + retention;
    }
}
