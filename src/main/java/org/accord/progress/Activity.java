package org.accord.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.accord.ops.Jdbc;
import org.accord.quiz.SavedAnswer;
import org.accord.account.Learner;
import org.accord.review.ReviewService;
import org.accord.web.PageCache;
import org.hibernate.query.NativeQuery;

/**
 * Keeps a learner's running totals (schema: V4__progress_totals.sql) in step with their history, in the
 * transaction that records each answer or flashcard grade, under the learner's row lock ({@link #lock}).
 */
@ApplicationScoped
public class Activity {

    private static final String QUERY_SPACE = "progress_totals";

    @Inject
    EntityManager em;

    @Inject
    PageCache pages;

    /**
     * Adds a batch of saved answers, each scored 0 to 1, to the totals of their topics, questions and days,
     * in the caller's JDBC transaction (the answer path: AnswerWriter). The caller holds every learner's
     * row lock ({@link #lock} is the same lock), so no one else writes these learners' totals meanwhile.
     * Each total is read or written once per batch, whatever number of the batch's answers it counts.
     */
    public static void answered(Connection c, List<SavedAnswer> answers) throws SQLException {
        if (answers.isEmpty()) {
            return;
        }
        Map<List<Object>, Integer> topicAnswers = topicAnswers(c, answers);
        Map<List<Object>, double[]> topics = new LinkedHashMap<>();
        Map<List<Object>, double[]> recent = new LinkedHashMap<>();
        Map<List<Object>, double[]> questions = new LinkedHashMap<>();
        Map<List<Object>, double[]> days = new LinkedHashMap<>();
        for (SavedAnswer a : answers) {
            List<Object> topic = List.of(a.learnerId(), a.question().topic());
            int nth = topicAnswers.merge(topic, 1, Integer::sum);
            add(topics, topic, a.score());
            recent.put(List.of(a.learnerId(), a.question().topic(), (nth - 1) % Mastery.RECENT_ANSWERS), new double[] {a.score()});
            add(questions, List.of(a.learnerId(), a.question().id()), a.score() < 1 ? 1 : 0);
            add(days, List.of(a.learnerId(), epochDay(a.at())), a.score());
        }
        upsert(c, topics, "update learner_topic_stat set answers = answers + ?, score_sum = score_sum + ? where learner_id = ? and topic = ?",
                "insert into learner_topic_stat (answers, score_sum, learner_id, topic) values (?, ?, ?, ?)",
                v -> List.of((int) v[0], v[1]));
        upsert(c, recent, "update learner_topic_recent set score = ? where learner_id = ? and topic = ? and slot = ?",
                "insert into learner_topic_recent (score, learner_id, topic, slot) values (?, ?, ?, ?)",
                v -> List.of(v[0]));
        upsert(c, questions, "update learner_question_stat set answers = answers + ?, missed = missed + ? where learner_id = ? and question_id = ?",
                "insert into learner_question_stat (answers, missed, learner_id, question_id) values (?, ?, ?, ?)",
                v -> List.of((int) v[0], (int) v[1]));
        upsert(c, days, "update learner_day set answers = answers + ?, score_sum = score_sum + ? where learner_id = ? and epoch_day = ?",
                "insert into learner_day (answers, score_sum, learner_id, epoch_day, reviews) values (?, ?, ?, ?, 0)",
                v -> List.of((int) v[0], v[1]));
    }

    /** Adds one answer and its value (a score, or 1 for a miss) to the key's count and sum. */
    private static void add(Map<List<Object>, double[]> totals, List<Object> key, double value) {
        double[] t = totals.computeIfAbsent(key, k -> new double[2]);
        t[0]++;
        t[1] += value;
    }

    /** How many answers each (learner, topic) of the batch already has. */
    private static Map<List<Object>, Integer> topicAnswers(Connection c, List<SavedAnswer> answers) throws SQLException {
        Set<Long> learners = new LinkedHashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        for (SavedAnswer a : answers) {
            learners.add(a.learnerId());
            topics.add(a.question().topic());
        }
        Map<List<Object>, Integer> counts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select learner_id, topic, answers from learner_topic_stat where learner_id in ("
                + Jdbc.marks(learners.size()) + ") and topic in (" + Jdbc.marks(topics.size()) + ")")) {
            Jdbc.bindAll(select, 1, learners);
            Jdbc.bindAll(select, 1 + learners.size(), topics);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(List.of(rows.getLong(1), rows.getString(2)), rows.getInt(3));
                }
            }
        }
        return counts;
    }

    /**
     * Adds each key's totals to its row, or creates the row where there is none. Both statements take the
     * values ({@code values} of the totals) first, then the key's columns.
     */
    private static void upsert(Connection c, Map<List<Object>, double[]> totals, String update, String insert,
            Function<double[], List<Object>> values) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, double[]> e : totals.entrySet()) {
            List<Object> params = new ArrayList<>(values.apply(e.getValue()));
            params.addAll(e.getKey());
            rows.add(params.toArray());
        }
        boolean[] changed;
        try (PreparedStatement statement = c.prepareStatement(update)) {
            for (Object[] row : rows) {
                Jdbc.bind(statement, row).addBatch();
            }
            changed = Jdbc.updated(statement);
        }
        try (PreparedStatement statement = c.prepareStatement(insert)) {
            boolean any = false;
            for (int i = 0; i < rows.size(); i++) {
                if (!changed[i]) {
                    Jdbc.bind(statement, rows.get(i)).addBatch();
                    any = true;
                }
            }
            if (any) {
                statement.executeBatch();
            }
        }
    }

    /** Marks the day of a flashcard grade as active; the caller (ReviewService) holds the learner's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reviewed(Learner learner, Instant at) {
        upsert("update learner_day set reviews = reviews + 1 where learner_id = ?1 and epoch_day = ?2",
                "insert into learner_day (learner_id, epoch_day, answers, score_sum, reviews) values (?1, ?2, 0, 0, 1)",
                learner.id, epochDay(at));
    }

    /**
     * Locks the learner's row until the transaction ends: every write to a learner's review states and
     * totals takes it first, so two of them (two tabs, a double click on a new flashcard) run one after
     * the other and cannot both create the same row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Learner learner) {
        query("select id from learner where id = ?1 for update", learner.id).getResultList();
        // the totals are written by SQL no entity listener sees: the learner's kept pages go here instead
        pages.learnerChanged(learner.id);
    }

    private void upsert(String update, String insert, Object... params) {
        if (execute(update, params) == 0) {
            execute(insert, params);
        }
    }

    private int execute(String sql, Object... params) {
        return query(sql, params).executeUpdate();
    }

    /**
     * A native query on tables no entity maps. Its own query space tells Hibernate so: without one, every
     * native statement would first flush the whole persistence context.
     */
    private Query query(String sql, Object... params) {
        Query query = em.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace(QUERY_SPACE);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }

    static int epochDay(Instant at) {
        return (int) ReviewService.day(at).toEpochDay();
    }

    static LocalDate day(Number epochDay) {
        return LocalDate.ofEpochDay(epochDay.longValue());
    }
}
