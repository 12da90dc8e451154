package org.accord.quiz;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.ops.Jdbc;
import org.accord.progress.Activity;
import org.accord.quiz.QuizService.AnswerOutcome;
import org.accord.review.AnswerReviews;
import org.accord.web.AccordConfig;
import org.accord.web.PageCache;

/**
 * Saves answers in batches: every answer submitted while the previous batch was being written goes into
 * the next one, checked and written in one JDBC transaction by one thread. An answer touches a dozen rows
 * (the answer, its review state and log, four running totals, the attempt when it is the last); written
 * one transaction per answer through Hibernate, that was most of an answer's cost. Batched, the reads
 * and writes of each kind are one statement or one JDBC batch, whatever the number of answers in it.
 *
 * <p>Nothing changes for the person answering: the request waits until its batch is committed (and on
 * H2, as for every POST, until {@link org.accord.ops.DurableWrites} has it in the file), and then gets
 * the same outcome the single-answer path gave. Each attempt and each learner is locked for the batch,
 * in that order, as before; a batch that fails is retried one answer at a time, so one bad answer
 * cannot fail another's.
 */
@ApplicationScoped
public class AnswerWriter {

    /** Enough to take every request a 64-connection burst holds; larger batches gain nothing more. */
    static final int MAX_BATCH = 256;

    @Inject
    DataSource dataSource;

    @Inject
    BankStore bank;

    @Inject
    Clock clock;

    @Inject
    PageCache pages;

    @Inject
    AccordConfig config;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread thread;
    /** The size of the batch being written, 0 between batches. */
    private volatile int writing;

    /** One answer as the form gave it. */
    record Submission(String attemptId, long learnerId, int number, Map<String, List<String>> form) {
    }

    private record Pending(Submission submission, CompletableFuture<AnswerOutcome> done) {
    }

    /**
     * Queues one answer for the next batch. The future completes once that batch is committed, with the
     * outcome, or fails: NotFoundException for an attempt or question that is not the learner's,
     * InvalidAnswerException for a form that is not an answer, anything else when it could not be saved.
     */
    public CompletableFuture<AnswerOutcome> submit(Submission submission) {
        Pending pending = new Pending(submission, new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    /** The bean is made on its first use (the first answer), and the thread with it. */
    @PostConstruct
    void start() {
        thread = new Thread(this::run, "accord-answers");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        thread.interrupt();
    }

    /** Answers submitted and not yet settled: those in the batch being written and those queued for the next. */
    int waiting() {
        return writing + queue.size();
    }

    /** Whether the writing thread runs: without it, answers would wait for ever (see {@link AnswerWriterCheck}). */
    boolean running() {
        return thread.isAlive();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                writing = batch.size();
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                // write() settles every answer it takes; this is a bug in it, and nobody may wait forever
                Log.error("the answer writer failed", t);
                batch.forEach(p -> p.done().completeExceptionally(t));
            }
            writing = 0;
            batch.clear();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the app is stopping"));
        }
    }

    /** Writes a batch; if it fails as a whole, each of its answers alone, so that only the one at fault fails. */
    private void write(List<Pending> batch) {
        try {
            settle(batch, transaction(batch));
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                Log.errorf(e, "An answer to attempt %s could not be saved", batch.get(0).submission().attemptId());
                batch.get(0).done().completeExceptionally(new AnswerNotSavedException(batch.get(0).submission().attemptId(), e));
                return;
            }
            Log.debugf(e, "A batch of %d answers failed; writing them one by one", batch.size());
            for (Pending p : batch) {
                write(List.of(p));
            }
        }
    }

    private void settle(List<Pending> batch, List<Object> outcomes) {
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            pages.learnerChanged(p.submission().learnerId());
            Object outcome = outcomes.get(i);
            if (outcome instanceof RuntimeException refused) {
                p.done().completeExceptionally(refused);
            } else {
                p.done().complete((AnswerOutcome) outcome);
            }
        }
    }

    /** Checks and writes the batch in one transaction; each answer's outcome, or the exception it is refused with, in order. */
    private List<Object> transaction(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            LockTimeout restore = null;
            try {
                restore = LockTimeout.set(c, config.answers().lockTimeout());
                List<Object> outcomes = answer(c, batch);
                // now as well as after the commit (settle): a page read in between is not kept either way
                batch.forEach(p -> pages.learnerChanged(p.submission().learnerId()));
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (restore != null) {
                    restore.reset(c);
                }
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The writer's lock timeout for one transaction. PostgreSQL scopes it to the transaction (its default
     * waits for ever); H2 sets it for the whole session (2 s by default), so the pooled connection gets its
     * old value back.
     */
    record LockTimeout(Long h2Before) {
        static LockTimeout set(Connection c, Duration timeout) throws SQLException {
            try (Statement st = c.createStatement()) {
                if (c.getMetaData().getDatabaseProductName().startsWith("H2")) {
                    long before;
                    try (ResultSet r = st.executeQuery("call lock_timeout()")) {
                        r.next();
                        before = r.getLong(1);
                    }
                    st.execute("set lock_timeout " + timeout.toMillis());
                    return new LockTimeout(before);
                }
                st.execute("set local lock_timeout = " + timeout.toMillis());
                return new LockTimeout(null);
            }
        }

        void reset(Connection c) throws SQLException {
            if (h2Before != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("set lock_timeout " + h2Before);
                }
            }
        }
    }

    private List<Object> answer(Connection c, List<Pending> batch) throws SQLException {
        Instant now = clock.instant();
        Map<String, AttemptRow> attempts = lockAttempts(c, batch);
        readItemsAndAnswers(c, attempts.values());
        List<Object> outcomes = new ArrayList<>();
        List<SavedAnswer> saved = new ArrayList<>();
        List<Object[]> answerRows = new ArrayList<>();
        List<AttemptRow> closed = new ArrayList<>();
        for (Pending p : batch) {
            Submission s = p.submission();
            AttemptRow attempt = attempts.get(s.attemptId());
            if (attempt == null || attempt.learnerId != s.learnerId()) {
                outcomes.add(new NotFoundException()); // another learner's attempt is as good as missing
                continue;
            }
            ItemRow item = s.number() < 1 || s.number() > attempt.items.size() ? null : attempt.items.get(s.number() - 1);
            if (item == null) {
                outcomes.add(new NotFoundException());
                continue;
            }
            if (attempt.finishedAt == null && Attempt.expired(attempt.deadlineAt, now)) {
                // closed at its deadline, not at the moment someone noticed
                attempt.close(attempt.deadlineAt);
                closed.add(attempt);
            }
            if (attempt.finishedAt != null) {
                outcomes.add(AnswerOutcome.CLOSED);
                continue;
            }
            if (attempt.scores.containsKey(item.id)) {
                outcomes.add(AnswerOutcome.ALREADY_ANSWERED); // a double submit: the first answer stands
                continue;
            }
            Question q = bank.version(item.versionId, id -> body(c, id));
            Response response;
            try {
                response = AnswerForm.parse(q, attempt.arrangement, s.form());
            } catch (InvalidAnswerException e) {
                outcomes.add(e);
                continue;
            }
            double score = Scorer.score(q.key(), response);
            Long durationMs = item.shownAt == null ? null : Duration.between(item.shownAt, now).toMillis();
            answerRows.add(new Object[] {item.id, attempt.learnerId, item.versionId, response.encode(), score, now, durationMs});
            saved.add(new SavedAnswer(attempt.learnerId, item.id, q, score, durationMs, now));
            attempt.scores.put(item.id, score);
            if (attempt.scores.size() == attempt.items.size()) {
                attempt.close(now);
                closed.add(attempt);
            }
            outcomes.add(AnswerOutcome.SAVED);
        }
        if (!saved.isEmpty()) {
            Map<Long, Double> retention = lockLearners(c, saved);
            try (PreparedStatement insert = c.prepareStatement("insert into answer (attempt_item_id, learner_id, question_version_id, "
                    + "response, score, answered_at, duration_ms) values (?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : answerRows) {
                    Jdbc.bind(insert, row).addBatch();
                }
                insert.executeBatch();
            }
            AnswerReviews.record(c, saved, retention);
            Activity.answered(c, saved);
        }
        if (!closed.isEmpty()) {
            try (PreparedStatement update = c.prepareStatement("update attempt set score = ?, finished_at = ? where id = ?")) {
                for (AttemptRow a : closed) {
                    Jdbc.bind(update, a.score, a.finishedAt, a.id).addBatch();
                }
                update.executeBatch();
            }
        }
        return outcomes;
    }

    /** The batch's attempts, locked until the transaction ends (in id order), so other writers of them queue up. */
    private static Map<String, AttemptRow> lockAttempts(Connection c, List<Pending> batch) throws SQLException {
        TreeSet<String> ids = new TreeSet<>();
        batch.forEach(p -> ids.add(p.submission().attemptId()));
        Map<String, AttemptRow> attempts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select id, public_id, learner_id, shuffle_seed, shuffle_choices, "
                + "finished_at, deadline_at from attempt where public_id in (" + Jdbc.marks(ids.size()) + ") order by id for update")) {
            Jdbc.bindAll(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    AttemptRow a = new AttemptRow(rows.getLong("id"), rows.getLong("learner_id"), rows.getLong("shuffle_seed"),
                            rows.getBoolean("shuffle_choices"), Jdbc.instant(rows, "deadline_at"));
                    a.finishedAt = Jdbc.instant(rows, "finished_at");
                    attempts.put(rows.getString("public_id"), a);
                }
            }
        }
        return attempts;
    }

    private static void readItemsAndAnswers(Connection c, Iterable<AttemptRow> attempts) throws SQLException {
        Map<Long, AttemptRow> byId = new HashMap<>();
        attempts.forEach(a -> byId.put(a.id, a));
        if (byId.isEmpty()) {
            return;
        }
        String in = "(" + Jdbc.marks(byId.size()) + ")";
        try (PreparedStatement select = c.prepareStatement("select id, attempt_id, position, question_version_id, shown_at "
                + "from attempt_item where attempt_id in " + in + " order by attempt_id, position")) {
            Jdbc.bindAll(select, 1, byId.keySet());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byId.get(rows.getLong("attempt_id")).items.add(new ItemRow(rows.getLong("id"),
                            rows.getLong("question_version_id"), Jdbc.instant(rows, "shown_at")));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("select i.attempt_id, a.attempt_item_id, a.score from answer a "
                + "join attempt_item i on i.id = a.attempt_item_id where i.attempt_id in " + in)) {
            Jdbc.bindAll(select, 1, byId.keySet());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byId.get(rows.getLong(1)).scores.put(rows.getLong(2), rows.getDouble(3));
                }
            }
        }
    }

    /** Locks the learners of the batch's saved answers, as every writer of review states and totals does; their desired retention. */
    private static Map<Long, Double> lockLearners(Connection c, List<SavedAnswer> saved) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        saved.forEach(a -> ids.add(a.learnerId()));
        Map<Long, Double> retention = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select id, desired_retention from learner where id in ("
                + Jdbc.marks(ids.size()) + ") order by id for update")) {
            Jdbc.bindAll(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    retention.put(rows.getLong(1), rows.getDouble(2));
                }
            }
        }
        return retention;
    }

    private static String body(Connection c, long versionId) {
        try (PreparedStatement select = c.prepareStatement("select body from question_version where id = ?")) {
            select.setLong(1, versionId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no question version " + versionId);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading question version " + versionId, e);
        }
    }

    /** An attempt as the batch sees it: its items in order, and the scores of the items answered so far. */
    private static final class AttemptRow {
        final long id;
        final long learnerId;
        final Arrangement arrangement;
        final Instant deadlineAt;
        final List<ItemRow> items = new ArrayList<>();
        final Map<Long, Double> scores = new HashMap<>();
        Instant finishedAt;
        double score;

        AttemptRow(long id, long learnerId, long shuffleSeed, boolean shuffleChoices, Instant deadlineAt) {
            this.id = id;
            this.learnerId = learnerId;
            this.arrangement = new Arrangement(shuffleSeed, shuffleChoices);
            this.deadlineAt = deadlineAt;
        }

        /** Ends the attempt: unanswered items score nothing. */
        void close(Instant at) {
            score = scores.values().stream().mapToDouble(Double::doubleValue).sum();
            finishedAt = at;
        }
    }

    private record ItemRow(long id, long versionId, Instant shownAt) {
    }
}
