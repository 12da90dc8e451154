package org.accord.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accord.account.Learner;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionVersion;
import org.accord.bank.Topic;
import org.accord.quiz.Pages.AttemptSummary;
import org.accord.quiz.Pages.Feedback;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.Pages.ResultPage;
import org.accord.quiz.Pages.ResultRow;
import org.accord.quiz.Pages.TopicSummary;

/** Practice attempts: starting, answering, resuming and scoring, all on the server. */
@ApplicationScoped
public class QuizService {

    static final String PRACTICE = "practice";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    BankStore bank;

    @Inject
    Clock clock;

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

    @Transactional
    public String startPractice(Learner learner, List<String> topicIds, int count) {
        List<Question> pool = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String topicId : new LinkedHashSet<>(topicIds)) {
            Topic topic = bank.topic(topicId).orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicId));
            titles.add(topic.title());
            pool.addAll(bank.bank().inTopic(topicId));
        }
        Collections.shuffle(pool, RANDOM);
        List<Question> chosen = pool.subList(0, Math.min(count, pool.size()));

        Attempt attempt = new Attempt();
        attempt.publicId = UUID.randomUUID().toString();
        attempt.learner = Learner.findById(learner.id);
        attempt.mode = PRACTICE;
        attempt.title = titles.size() == 1 ? titles.get(0) : "Mixed: " + String.join(", ", titles);
        if (attempt.title.length() > 200) {
            attempt.title = "Mixed: " + titles.size() + " topics";
        }
        attempt.shuffleSeed = RANDOM.nextLong();
        attempt.startedAt = clock.instant();
        attempt.maxScore = chosen.size();
        attempt.persist();
        for (int i = 0; i < chosen.size(); i++) {
            AttemptItem item = new AttemptItem();
            item.attempt = attempt;
            item.position = i + 1;
            item.questionVersion = QuestionVersion.findById(bank.currentVersionId(chosen.get(i).id()));
            item.persist();
        }
        return attempt.publicId;
    }

    public List<AttemptSummary> unfinished(Learner learner) {
        if (learner == null) {
            return List.of();
        }
        return Attempt.unfinished(learner).stream().map(a -> new AttemptSummary(a.publicId, a.title,
                (int) Answer.count("item.attempt", a), a.maxScore, STARTED.format(a.startedAt))).toList();
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
        List<AttemptItem> items = AttemptItem.of(attempt);
        AttemptItem item = item(items, number);
        Question q = bank.version(item.questionVersion);
        Map<Long, Answer> answers = answersByItem(attempt);
        Answer answer = answers.get(item.id);
        Feedback feedback = null;
        if (answer != null) {
            feedback = feedback(q, answer);
        } else if (item.shownAt == null) {
            item.shownAt = clock.instant();
        }
        QuestionView view = QuestionViews.form(q, attempt.shuffleSeed, submitted, error);
        return new QuestionPage(attempt.publicId, attempt.title, number, items.size(), answers.size(), view, feedback,
                attempt.finished());
    }

    /**
     * Records the answer to one question. A second submit of an answered question changes nothing,
     * so a double click or a replayed form is counted once.
     */
    @Transactional
    public void answer(String attemptId, Learner learner, int number, Map<String, List<String>> form) {
        Attempt attempt = Attempt.ownedByForUpdate(attemptId, learner).orElseThrow(NotFoundException::new);
        List<AttemptItem> items = AttemptItem.of(attempt);
        AttemptItem item = item(items, number);
        Map<Long, Answer> answers = answersByItem(attempt);
        if (answers.containsKey(item.id) || attempt.finished()) {
            return;
        }
        Question q = bank.version(item.questionVersion);
        Response response = AnswerForm.parse(q, attempt.shuffleSeed, form);
        Instant now = clock.instant();
        Answer answer = new Answer();
        answer.item = item;
        answer.learner = attempt.learner;
        answer.questionVersion = item.questionVersion;
        answer.response = response.encode();
        answer.score = Scorer.score(q.key(), response);
        answer.answeredAt = now;
        answer.durationMs = item.shownAt == null ? null : Duration.between(item.shownAt, now).toMillis();
        answer.persist();
        answers.put(item.id, answer);
        if (answers.size() == items.size()) {
            close(attempt, answers.values(), now);
        }
    }

    /** Ends an attempt early; questions not answered score nothing. */
    @Transactional
    public void finish(String attemptId, Learner learner) {
        Attempt attempt = Attempt.ownedByForUpdate(attemptId, learner).orElseThrow(NotFoundException::new);
        if (!attempt.finished()) {
            close(attempt, answersByItem(attempt).values(), clock.instant());
        }
    }

    @Transactional
    public ResultPage result(String attemptId, Learner learner) {
        Attempt attempt = owned(attemptId, learner);
        if (!attempt.finished()) {
            throw new NotFinishedException();
        }
        Map<Long, Answer> answers = answersByItem(attempt);
        List<ResultRow> rows = new ArrayList<>();
        int unanswered = 0;
        for (AttemptItem item : AttemptItem.of(attempt)) {
            Question q = bank.version(item.questionVersion);
            Answer answer = answers.get(item.id);
            if (answer == null) {
                unanswered++;
                rows.add(new ResultRow(item.position, q.prompt(), q.type().label(), false, List.of("(not answered)"),
                        AnswerText.key(q.key()), 0, "Not answered", q.explanation(), q.sources()));
            } else {
                Feedback f = feedback(q, answer);
                rows.add(new ResultRow(item.position, q.prompt(), q.type().label(), true, f.yourAnswer(),
                        f.correctAnswer(), f.percent(), f.verdict(), q.explanation(), q.sources()));
            }
        }
        double score = attempt.score == null ? 0 : attempt.score;
        int percent = attempt.maxScore == 0 ? 0 : (int) Math.round(100 * score / attempt.maxScore);
        return new ResultPage(attempt.publicId, attempt.title, points(score), attempt.maxScore, percent,
                duration(Duration.between(attempt.startedAt, attempt.finishedAt)), unanswered, rows);
    }

    /** Thrown when a result is asked for before the attempt ends. */
    public static class NotFinishedException extends RuntimeException {
    }

    private static void close(Attempt attempt, Iterable<Answer> answers, Instant now) {
        double total = 0;
        for (Answer a : answers) {
            total += a.score;
        }
        attempt.score = total;
        attempt.finishedAt = now;
    }

    private static Feedback feedback(Question q, Answer answer) {
        Response response = Response.decode(q.type(), answer.response);
        int percent = (int) Math.round(answer.score * 100);
        String verdict = percent == 100 ? "Correct" : percent == 0 ? "Not correct" : "Partly correct: " + percent + "%";
        return new Feedback(percent, verdict, AnswerText.response(q.key(), response), AnswerText.key(q.key()),
                q.explanation(), q.sources());
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

    private static Map<Long, Answer> answersByItem(Attempt attempt) {
        Map<Long, Answer> byItem = new HashMap<>();
        for (Answer a : Answer.of(attempt)) {
            byItem.put(a.item.id, a);
        }
        return byItem;
    }

    static String points(double score) {
        return score == Math.rint(score) ? String.valueOf((long) score) : String.format(java.util.Locale.ROOT, "%.2f", score);
    }

    static String duration(Duration d) {
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
