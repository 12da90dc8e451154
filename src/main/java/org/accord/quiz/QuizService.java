package org.accord.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.accord.account.Account;
import org.accord.account.Learner;
import org.accord.classroom.Assignment;
import org.accord.classroom.Assignment.Reveal;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.review.ReviewService;
import org.accord.ops.Jdbc;
import org.accord.web.PageCache;
import org.accord.web.Zones;
import org.accord.bank.Topic;
import org.accord.quiz.Pages.AttemptSummary;
import org.accord.quiz.Pages.Feedback;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.Pages.ResultPage;
import org.accord.quiz.Pages.ResultRow;
import org.accord.quiz.Pages.SetSummary;
import org.accord.quiz.Pages.TopicSummary;
import org.hibernate.Session;

/** Practice attempts: starting, answering, resuming and scoring, all on the server. */
@ApplicationScoped
public class QuizService {

    static final String PRACTICE = "practice";
    static final String ASSIGNED = "assigned";
    static final String REVIEW = "review";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    BankStore bank;

    @Inject
    Zones zones;

    @Inject
    Clock clock;

    @Inject
    ReviewService reviews;

    @Inject
    PageCache pages;

    @Inject
    AnswerWriter writer;

    public List<TopicSummary> topics() {
        return bank.topics().stream()
                .map(t -> new TopicSummary(t.id(), t.title(), t.summary(), bank.bank().inTopic(t.id()).size()))
                .toList();
    }

    @Transactional
    public Learner newGuest() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        Learner learner = new Learner();
        learner.guestToken = java.util.HexFormat.of().formatHex(bytes);
        learner.createdAt = clock.instant();
        learner.persist();
        return learner;
    }

    public List<SetSummary> sets() {
        return bank.bank().sets().stream()
                .map(s -> new SetSummary(s.id(), s.title(), s.summary(), s.questionIds().size()))
                .toList();
    }

    @Transactional
    public NewAttempt startPractice(Learner learner, List<String> topicIds, int count) {
        List<Question> pool = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String topicId : new LinkedHashSet<>(topicIds)) {
            Topic topic = bank.topic(topicId).orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicId));
            titles.add(topic.title());
            pool.addAll(bank.bank().inTopic(topicId));
        }
        Collections.shuffle(pool, RANDOM);
        String title = titles.size() == 1 ? titles.get(0) : "Mixed: " + String.join(", ", titles);
        if (title.length() > 200) {
            title = "Mixed: " + titles.size() + " topics";
        }
        return createAttempt(learner, title, pool.subList(0, Math.min(count, pool.size())));
    }

    /** A curated set, in the order its author gave. */
    @Transactional
    public NewAttempt startSet(Learner learner, String setId) {
        QuestionSet set = bank.bank().set(setId).orElseThrow(() -> new IllegalArgumentException("unknown set " + setId));
        List<Question> questions = set.questionIds().stream().map(id -> bank.bank().question(id).orElseThrow()).toList();
        return createAttempt(learner, set.title(), questions);
    }

    /** The questions due for review today, most overdue first; null when none is due. */
    @Transactional
    public NewAttempt startReview(Learner learner, int count) {
        List<Question> due = reviews.due(learner, reviews.today(), count).stream()
                .map(s -> bank.bank().question(s.questionId).orElse(null))
                .filter(q -> q != null)
                .toList();
        if (due.isEmpty()) {
            return null;
        }
        return create(learner, "Review: due today", due, REVIEW, null, clock.instant(), null, true);
    }

    private NewAttempt createAttempt(Learner learner, String title, List<Question> chosen) {
        return create(learner, title, chosen, PRACTICE, null, clock.instant(), null, true);
    }

    /** An attempt at an assignment: closed by the server at {@code deadline}. Runs in the caller's transaction. */
    @Transactional
    public NewAttempt createAttempt(Learner learner, String title, List<Question> chosen, Assignment assignment,
            Instant startedAt, Instant deadline, boolean shuffleChoices) {
        return create(learner, title, chosen, ASSIGNED, assignment, startedAt, deadline, shuffleChoices);
    }

    /**
     * An attempt just made, and the page of its first question as it stands once the attempt is committed (null
     * for an attempt of no questions): what the Start's redirect shows, built from what was written, with no read.
     */
    public record NewAttempt(String publicId, QuestionPage first) {
    }

    /**
     * Writes a new attempt. Its first question counts as shown from the start: every Start redirects straight to
     * it, and the page may then be served as kept (see {@link FirstQuestions}), without the write a view makes.
     */
    private NewAttempt create(Learner learner, String title, List<Question> chosen, String mode, Assignment assignment,
            Instant startedAt, Instant deadline, boolean shuffleChoices) {
        String publicId = UUID.randomUUID().toString();
        long[] versions = chosen.stream().mapToLong(q -> bank.currentVersionId(q.id())).toArray();
        Arrangement arrangement = new Arrangement(RANDOM.nextLong(), shuffleChoices);
        // Plain JDBC on the transaction's own connection: the attempt and its items as two statements. Through
        // Hibernate, the attempt's persist alone (an identity insert, its listeners, its flush) was a tenth of the
        // CPU of a whole class pressing Start at once. Nothing reads them back in this transaction, and the learner's
        // row is there even for a guest made in it (identity keys are inserted at persist, not at the flush).
        Attempt.getEntityManager().unwrap(Session.class).doWork(c -> {
            long attemptId;
            try (PreparedStatement insert = c.prepareStatement("insert into attempt (public_id, learner_id, mode, title, shuffle_seed, "
                    + "started_at, max_score, assignment_id, deadline_at, shuffle_choices) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                Jdbc.bind(insert, publicId, learner.id, mode, title, arrangement.seed(), startedAt, chosen.size(),
                        assignment == null ? null : assignment.id, deadline, shuffleChoices).executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    attemptId = key.getLong(1);
                }
            }
            if (versions.length > 0) {
                StringBuilder sql = new StringBuilder("insert into attempt_item (attempt_id, position, question_version_id, shown_at) values ");
                for (int i = 0; i < versions.length; i++) {
                    sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
                }
                try (PreparedStatement items = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < versions.length; i++) {
                        items.setLong(4 * i + 1, attemptId);
                        items.setInt(4 * i + 2, i + 1);
                        items.setLong(4 * i + 3, versions[i]);
                        items.setObject(4 * i + 4, i == 0 ? startedAt.atOffset(ZoneOffset.UTC) : null);
                    }
                    items.executeUpdate();
                }
            }
        });
        // what the entity listener did for a persisted attempt: the learner's kept pages (their dashboard) are dropped
        pages.learnerChanged(learner.id);
        if (chosen.isEmpty()) {
            return new NewAttempt(publicId, null);
        }
        Long secondsLeft = assignment == null || assignment.timeLimitMinutes == null ? null
                : Math.max(0, Duration.between(startedAt, deadline).toSeconds());
        QuestionView view = QuestionViews.form(chosen.get(0), arrangement, Map.of(), null);
        return new NewAttempt(publicId, new QuestionPage(publicId, title, 1, chosen.size(), 0, view, null, false, secondsLeft, deadline));
    }

    public List<AttemptSummary> unfinished(Learner learner) {
        if (learner == null) {
            return List.of();
        }
        return Attempt.unfinished(learner).stream().map(a -> new AttemptSummary(a.publicId, a.title,
                (int) Answer.count("item.attempt", a), a.maxScore, zones.format(a.startedAt))).toList();
    }

    /** Where to go for an attempt: its first unanswered question, or its result once finished. */
    @Transactional
    public int nextUnanswered(String attemptId, Learner learner) {
        Attempt attempt = owned(attemptId, learner);
        if (attempt.finished()) {
            return 0;
        }
        Map<Long, Answer> answers = answersByItem(attempt);
        for (AttemptItem item : AttemptItem.of(attempt)) {
            if (!answers.containsKey(item.id)) {
                return item.position;
            }
        }
        return 0;
    }

    @Transactional
    public QuestionPage questionPage(String attemptId, Learner learner, int number,
            Map<String, List<String>> submitted, InvalidAnswerException error) {
        Attempt attempt = owned(attemptId, learner);
        Instant now = clock.instant();
        closeIfExpired(attempt, now);
        List<AttemptItem> items = AttemptItem.of(attempt);
        AttemptItem item = item(items, number);
        Question q = bank.version(item.questionVersion);
        Map<Long, Answer> answers = answersByItem(attempt);
        Answer answer = answers.get(item.id);
        Feedback feedback = null;
        if (answer != null) {
            feedback = feedback(q, answer, Reveal.AFTER_EACH.equals(revealOf(attempt)));
        } else if (item.shownAt == null && !attempt.finished() && error == null) {
            // only opening the page starts the question's clock: a refused answer to an unseen question changes nothing
            item.shownAt = now;
        }
        QuestionView view = QuestionViews.form(q, attempt.arrangement(), submitted, error);
        Long secondsLeft = attempt.deadlineAt == null || attempt.finished() || attempt.assignment.timeLimitMinutes == null
                ? null : Math.max(0, Duration.between(now, attempt.deadlineAt).toSeconds());
        return new QuestionPage(attempt.publicId, attempt.title, number, items.size(), answers.size(), view, feedback,
                attempt.finished(), secondsLeft, attempt.finished() ? null : attempt.deadlineAt);
    }

    /**
     * Records the answer to one question, in the next batch of the answer writer. A second submit of an
     * answered question changes nothing, so a double click or a replayed form is counted once. The stage
     * completes once the batch is committed; it fails with NotFoundException for an attempt or question
     * that is not the learner's, and InvalidAnswerException for a form that is not an answer.
     */
    public CompletableFuture<AnswerOutcome> answer(String attemptId, Learner learner, int number, Map<String, List<String>> form) {
        if (learner == null) {
            return CompletableFuture.failedFuture(new NotFoundException());
        }
        return writer.submit(new AnswerWriter.Submission(attemptId, learner.id, number, form));
    }

    /** What became of a submitted answer. */
    public enum AnswerOutcome {
        SAVED,
        /** A repeated submit: the first answer stands and nothing changed. */
        ALREADY_ANSWERED,
        /** The attempt had ended (finished, or past its time limit); nothing was stored. */
        CLOSED
    }

    /** Closes an attempt whose time is up at its deadline, not at the moment someone noticed. */
    public boolean closeIfExpired(Attempt attempt, Instant now) {
        if (attempt.finished() || !attempt.expired(now)) {
            return false;
        }
        close(attempt, answersByItem(attempt).values(), attempt.deadlineAt);
        return true;
    }

    /** Ends an attempt early; questions not answered score nothing. */
    @Transactional
    public void finish(String attemptId, Learner learner) {
        Attempt attempt = Attempt.ownedByForUpdate(attemptId, learner).orElseThrow(NotFoundException::new);
        if (!closeIfExpired(attempt, clock.instant()) && !attempt.finished()) {
            close(attempt, answersByItem(attempt).values(), clock.instant());
        }
    }

    @Transactional
    public ResultPage result(String attemptId, Learner learner) {
        Attempt attempt = owned(attemptId, learner);
        closeIfExpired(attempt, clock.instant());
        if (!attempt.finished()) {
            throw new NotFinishedException();
        }
        return resultOf(attempt, answersRevealed(attempt, clock.instant()));
    }

    /** A teacher's view of a student's attempt at one of the teacher's assignments: everything shown. */
    @Transactional
    public ResultPage resultForTeacher(String attemptId, Account teacher) {
        Attempt attempt = Attempt.<Attempt>find("from Attempt a join fetch a.assignment s join fetch s.classroom c "
                + "where a.publicId = ?1 and c.teacher = ?2", attemptId, teacher).firstResultOptional()
                .orElseThrow(NotFoundException::new);
        closeIfExpired(attempt, clock.instant());
        return resultOf(attempt, true);
    }

    private ResultPage resultOf(Attempt attempt, boolean revealed) {
        Map<Long, Answer> answers = answersByItem(attempt);
        List<ResultRow> rows = new ArrayList<>();
        int unanswered = 0;
        for (AttemptItem item : AttemptItem.of(attempt)) {
            Question q = bank.version(item.questionVersion);
            Answer answer = answers.get(item.id);
            if (answer == null) {
                unanswered++;
                rows.add(new ResultRow(item.position, q.prompt(), q.type().label(), false, List.of("(not answered)"),
                        revealed ? AnswerText.key(q.key()) : List.of(), 0, "Not answered",
                        revealed ? q.explanation() : "", revealed ? q.sources() : List.of(), revealed));
            } else {
                Feedback f = feedback(q, answer, revealed);
                rows.add(new ResultRow(item.position, q.prompt(), q.type().label(), true, f.yourAnswer(),
                        f.correctAnswer(), f.percent(), f.verdict(), f.explanation(), f.sources(), revealed));
            }
        }
        boolean finished = attempt.finished();
        double score = finished ? (attempt.score == null ? 0 : attempt.score)
                : answers.values().stream().mapToDouble(a -> a.score).sum();
        int percent = attempt.maxScore == 0 ? 0 : (int) Math.round(100 * score / attempt.maxScore);
        String hiddenUntil = revealed || attempt.assignment == null ? ""
                : attempt.assignment.reveal == Reveal.AFTER_DUE ? "The correct answers appear here after the due time, "
                        + zones.format(attempt.assignment.dueAt) + "." : "Your teacher has chosen not to show the correct answers.";
        return new ResultPage(attempt.publicId, attempt.title, points(score), attempt.maxScore, percent,
                finished ? duration(Duration.between(attempt.startedAt, attempt.finishedAt))
                        : "in progress, started " + duration(Duration.between(attempt.startedAt, clock.instant())) + " ago",
                unanswered, rows, hiddenUntil, finished);
    }

    /** Thrown when a result is asked for before the attempt ends. */
    public static class NotFinishedException extends RuntimeException {
    }

    static void close(Attempt attempt, Iterable<Answer> answers, Instant now) {
        double total = 0;
        for (Answer a : answers) {
            total += a.score;
        }
        attempt.score = total;
        attempt.finishedAt = now;
    }

    private static Feedback feedback(Question q, Answer answer, boolean revealed) {
        Response response = Response.decode(q.type(), answer.response);
        List<String> yours = AnswerText.response(q.key(), response);
        if (!revealed) {
            return new Feedback(-1, "Answer saved", yours, List.of(), "", List.of());
        }
        int percent = (int) Math.round(answer.score * 100);
        String verdict = percent == 100 ? "Correct" : percent == 0 ? "Not correct" : "Partly correct: " + percent + "%";
        return new Feedback(percent, verdict, yours, AnswerText.key(q.key()), q.explanation(), q.sources());
    }

    private static Reveal revealOf(Attempt attempt) {
        return attempt.assignment == null ? Reveal.AFTER_EACH : attempt.assignment.reveal;
    }

    /** Whether a finished attempt's result may show the key, by the assignment's policy. */
    static boolean answersRevealed(Attempt attempt, Instant now) {
        return switch (revealOf(attempt)) {
            case AFTER_EACH, AFTER_SUBMIT -> true;
            case AFTER_DUE -> attempt.assignment.pastDue(now);
            case NEVER -> false;
        };
    }

    private static Attempt owned(String attemptId, Learner learner) {
        if (learner == null) {
            throw new NotFoundException();
        }
        return Attempt.ownedBy(attemptId, learner).orElseThrow(NotFoundException::new);
    }

    private static AttemptItem item(List<AttemptItem> items, int number) {
        if (number < 1 || number > items.size()) {
            throw new NotFoundException();
        }
        return items.get(number - 1);
    }

    static Map<Long, Answer> answersByItem(Attempt attempt) {
        Map<Long, Answer> byItem = new HashMap<>();
        for (Answer a : Answer.of(attempt)) {
            byItem.put(a.item.id, a);
        }
        return byItem;
    }

    static String points(double score) {
        return score == Math.rint(score) ? String.valueOf((long) score) : String.format(java.util.Locale.ROOT, "%.2f", score);
    }

    public static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
