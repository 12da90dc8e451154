package org.accord.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.accord.account.Learner;
import org.accord.bank.Question;
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
     * Adds one saved answer, scored 0 to 1, to the totals of its topic, its question and its day. The
     * caller holds the learner's lock: ReviewService takes it before it records the answer's review.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answered(Learner learner, Question question, double score, Instant at) {
        long id = learner.id;
        List<?> topicAnswers = query("select answers from learner_topic_stat where learner_id = ?1 and topic = ?2",
                id, question.topic()).getResultList();
        int nth = topicAnswers.isEmpty() ? 1 : ((Number) topicAnswers.get(0)).intValue() + 1;
        execute(nth == 1 ? "insert into learner_topic_stat (learner_id, topic, answers, score_sum) values (?1, ?2, 1, ?3)"
                : "update learner_topic_stat set answers = answers + 1, score_sum = score_sum + ?3 where learner_id = ?1 and topic = ?2",
                id, question.topic(), score);
        upsert("update learner_topic_recent set score = ?4 where learner_id = ?1 and topic = ?2 and slot = ?3",
                "insert into learner_topic_recent (learner_id, topic, slot, score) values (?1, ?2, ?3, ?4)",
                id, question.topic(), (nth - 1) % Mastery.RECENT_ANSWERS, score);
        int missed = score < 1 ? 1 : 0;
        upsert("update learner_question_stat set answers = answers + 1, missed = missed + ?3 where learner_id = ?1 and question_id = ?2",
                "insert into learner_question_stat (learner_id, question_id, answers, missed) values (?1, ?2, 1, ?3)",
                id, question.id(), missed);
        upsert("update learner_day set answers = answers + 1, score_sum = score_sum + ?3 where learner_id = ?1 and epoch_day = ?2",
                "insert into learner_day (learner_id, epoch_day, answers, score_sum, reviews) values (?1, ?2, 1, ?3, 0)",
                id, epochDay(at), score);
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
