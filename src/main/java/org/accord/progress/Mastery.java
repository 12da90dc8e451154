package org.accord.progress;

/**
 * How well a learner knows a topic: how much of it they have met, how well they answered lately, and
 * how much of it the scheduler expects them to recall today. The thresholds are explained to the
 * learner on the progress page, so change the two together.
 */
public final class Mastery {

    /** Answers in a topic that count as "recent". */
    public static final int RECENT_ANSWERS = 20;
    /** A question counts as retained while its chance of recall (FSRS retrievability) is at least this. */
    public static final double RETAINED_AT = 0.9;
    /** Averages of scores carry rounding noise: 0.6 may arrive as 0.59999999. */
    private static final double EPSILON = 1e-9;

    private Mastery() {
    }

    /** The levels, lowest first. */
    public enum Level {
        NOT_STARTED("Not started"), LEARNING("Learning"), FAMILIAR("Familiar"), PROFICIENT("Proficient"), MASTERED("Mastered");

        public final String label;

        Level(String label) {
            this.label = label;
        }
    }

    /**
     * One topic's figures for one learner.
     *
     * @param answers every answer the learner gave in the topic
     * @param questions the questions the topic has in the bank
     * @param covered how many of them the learner has a review state for
     * @param recentAccuracy mean score, 0 to 1, of the learner's last {@value #RECENT_ANSWERS} answers in the topic
     * @param retained how many of the topic's questions are at or above {@value #RETAINED_AT} retrievability today
     */
    public record Figures(long answers, int questions, int covered, double recentAccuracy, int retained) {

        public double coverage() {
            return questions == 0 ? 0 : (double) covered / questions;
        }

        public double retainedShare() {
            return questions == 0 ? 0 : (double) retained / questions;
        }
    }

    public static Level level(Figures f) {
        if (f.answers() == 0) {
            return Level.NOT_STARTED;
        }
        if (atLeast(f.coverage(), 0.9) && atLeast(f.recentAccuracy(), 0.9) && atLeast(f.retainedShare(), 0.8)) {
            return Level.MASTERED;
        }
        if (atLeast(f.coverage(), 0.6) && atLeast(f.recentAccuracy(), 0.75) && atLeast(f.retainedShare(), 0.5)) {
            return Level.PROFICIENT;
        }
        if (atLeast(f.coverage(), 0.3) && atLeast(f.recentAccuracy(), 0.6)) {
            return Level.FAMILIAR;
        }
        return Level.LEARNING;
    }

    private static boolean atLeast(double value, double threshold) {
        return value >= threshold - EPSILON;
    }
}
