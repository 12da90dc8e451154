package org.accord.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accord.ops.Jdbc;
import org.accord.quiz.SavedAnswer;
import org.accord.review.Fsrs.Rating;
import org.accord.review.ReviewService.Reviewed;

/**
 * Rates a batch of saved answers and schedules their questions' next reviews, in the caller's JDBC
 * transaction: one read of the states concerned, then the new and changed states and the log rows in
 * batches. The same scheduling as a flashcard grade ({@link ReviewService#review}); the caller holds
 * every learner's row lock, as the flashcard path does.
 */
public final class AnswerReviews {

    private AnswerReviews() {
    }

    /** @param retention each learner's desired retention, by learner id */
    public static void record(Connection c, List<SavedAnswer> answers, Map<Long, Double> retention) throws SQLException {
        if (answers.isEmpty()) {
            return;
        }
        Map<Key, ReviewState> states = read(c, answers);
        Map<Key, ReviewState> created = new LinkedHashMap<>();
        Map<Key, ReviewState> changed = new LinkedHashMap<>();
        List<Reviewed> logs = new ArrayList<>();
        List<SavedAnswer> logged = new ArrayList<>();
        Map<Long, Fsrs> schedulers = new HashMap<>();
        for (SavedAnswer a : answers) {
            Key key = new Key(a.learnerId(), a.question().id());
            ReviewState before = states.get(key);
            Rating rating = Ratings.forAnswer(a.question().type(), a.question().difficulty(), a.score(), a.durationMs(), before);
            Fsrs fsrs = schedulers.computeIfAbsent(a.learnerId(), id -> new Fsrs(retention.get(id)));
            Reviewed reviewed = ReviewService.review(fsrs, before, a.question().id(), rating, a.at(), ReviewService.FROM_QUIZ);
            states.put(key, reviewed.state());
            (reviewed.state().id == null ? created : changed).put(key, reviewed.state());
            logs.add(reviewed);
            logged.add(a);
        }
        try (PreparedStatement update = c.prepareStatement("update review_state set stability = ?, difficulty = ?, reps = ?, "
                + "lapses = ?, last_rating = ?, last_review_at = ?, due_on = ? where id = ?")) {
            for (ReviewState s : changed.values()) {
                Jdbc.bind(update, s.stability, s.difficulty, s.reps, s.lapses, s.lastRating, s.lastReviewAt, s.dueOn, s.id);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into review_state (learner_id, question_id, stability, "
                + "difficulty, reps, lapses, last_rating, last_review_at, due_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Key, ReviewState> e : created.entrySet()) {
                ReviewState s = e.getValue();
                Jdbc.bind(insert, e.getKey().learnerId(), s.questionId, s.stability, s.difficulty, s.reps, s.lapses,
                        s.lastRating, s.lastReviewAt, s.dueOn);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into review_log (learner_id, question_id, rating, source, "
                + "reviewed_at, elapsed_days, scheduled_days, stability, difficulty, retrievability, answer_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (select id from answer where attempt_item_id = ?))")) {
            for (int i = 0; i < logs.size(); i++) {
                ReviewLog log = logs.get(i).log();
                SavedAnswer a = logged.get(i);
                Jdbc.bind(insert, a.learnerId(), log.questionId, log.rating, log.source, log.reviewedAt, log.elapsedDays,
                        log.scheduledDays, log.stability, log.difficulty, log.retrievability, a.itemId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The existing states of the batch's (learner, question) pairs, as unmanaged objects: one index lookup per
     * pair, whatever else the learners have (a learner's every state matched by IN lists would be read and dropped).
     */
    private static Map<Key, ReviewState> read(Connection c, List<SavedAnswer> answers) throws SQLException {
        Set<Key> wanted = new LinkedHashSet<>();
        for (SavedAnswer a : answers) {
            wanted.add(new Key(a.learnerId(), a.question().id()));
        }
        Map<Key, ReviewState> states = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("select s.id, s.learner_id, s.question_id, s.stability, s.difficulty, "
                + "s.reps, s.lapses, s.last_rating, s.last_review_at, s.due_on from (values "
                + String.join(", ", Collections.nCopies(wanted.size(), "(cast(? as bigint), cast(? as varchar(100)))"))
                + ") as k (learner_id, question_id) join review_state s on s.learner_id = k.learner_id and s.question_id = k.question_id")) {
            int i = 1;
            for (Key k : wanted) {
                select.setLong(i++, k.learnerId());
                select.setString(i++, k.questionId());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Key key = new Key(rows.getLong("learner_id"), rows.getString("question_id"));
                    ReviewState s = new ReviewState();
                    s.id = rows.getLong("id");
                    s.questionId = key.questionId();
                    s.stability = rows.getDouble("stability");
                    s.difficulty = rows.getDouble("difficulty");
                    s.reps = rows.getInt("reps");
                    s.lapses = rows.getInt("lapses");
                    s.lastRating = rows.getInt("last_rating");
                    s.lastReviewAt = Jdbc.instant(rows, "last_review_at");
                    s.dueOn = rows.getObject("due_on", java.time.LocalDate.class);
                    states.put(key, s);
                }
            }
        }
        return states;
    }

    private record Key(long learnerId, String questionId) {
    }
}
