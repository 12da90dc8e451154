package org.accord.quiz;

import java.time.Instant;
import java.util.List;

/** The read-only views the quiz pages are rendered from, built inside the service's transaction. */
public final class Pages {

    private Pages() {
    }

    /** A question of an attempt: the form before it is answered, the feedback after. */
    public record QuestionPage(
            String attemptId,
            String title,
            int number,
            int total,
            int answered,
            QuestionView question,
            Feedback feedback,
            boolean finished,
            Long secondsLeft,
            /** When the server closes the attempt, so the page stops holding; null where it never does. */
            Instant closesAt) {

        public boolean last() {
            return number == total;
        }

        public int nextNumber() {
            return number + 1;
        }
    }

    /** What a learner sees right after answering in practice mode. */
    public record Feedback(
            int percent,
            String verdict,
            List<String> yourAnswer,
            List<String> correctAnswer,
            String explanation,
            List<String> sources) {

        public boolean correct() {
            return percent == 100;
        }

        /** False where the assignment keeps the key hidden for now: the answer was saved, nothing more. */
        public boolean revealed() {
            return percent >= 0;
        }
    }

    public record ResultPage(
            String attemptId,
            String title,
            String score,
            int maxScore,
            int percent,
            String timeTaken,
            int unanswered,
            List<ResultRow> rows,
            String hiddenNote,
            boolean finished) {
    }

    public record ResultRow(
            int number,
            String prompt,
            String typeLabel,
            boolean answered,
            List<String> yourAnswer,
            List<String> correctAnswer,
            int percent,
            String verdict,
            String explanation,
            List<String> sources,
            boolean revealed) {
    }

    /** An attempt listed on the home page so the learner can pick it up again. */
    public record AttemptSummary(String attemptId, String title, int answered, int total, String startedAt) {
    }

    public record TopicSummary(String id, String title, String summary, int questions) {
    }

    public record SetSummary(String id, String title, String summary, int questions) {
    }
}
