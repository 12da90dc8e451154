package org.accord.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.accord.account.Learner;
import org.accord.bank.AnswerKey;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.Topic;

/** Chooses the next flashcard of a topic and lays out its two sides. */
@ApplicationScoped
public class Flashcards {

    @Inject
    BankStore bank;

    @Inject
    ReviewService reviews;

    /** A topic on the flashcard index: how many of its cards are due today and how many never met. */
    public record TopicCards(String id, String title, int total, long due, long fresh) {
    }

    /** The front of a card: the prompt and, where the question has them, its options in a neutral order. */
    public record Front(String topicId, String topicTitle, String questionId, String prompt, String typeLabel,
            List<String> options, String status, long dueLeft, long freshLeft) {
    }

    public List<TopicCards> topics(Learner learner) {
        Map<String, ReviewState> states = statesById(learner);
        LocalDate today = reviews.today();
        List<TopicCards> list = new ArrayList<>();
        for (Topic t : bank.topics()) {
            List<Question> qs = bank.bank().inTopic(t.id());
            long due = qs.stream().filter(q -> states.containsKey(q.id()) && !states.get(q.id()).dueOn.isAfter(today)).count();
            long fresh = qs.stream().filter(q -> !states.containsKey(q.id())).count();
            list.add(new TopicCards(t.id(), t.title(), qs.size(), due, fresh));
        }
        return list;
    }

    /**
     * The next card: the most overdue card due today, else a card never met (in bank order), else none.
     */
    public Optional<Front> next(Learner learner, Topic topic) {
        Map<String, ReviewState> states = statesById(learner);
        LocalDate today = reviews.today();
        List<Question> qs = bank.bank().inTopic(topic.id());
        List<Question> due = qs.stream()
                .filter(q -> states.containsKey(q.id()) && !states.get(q.id()).dueOn.isAfter(today))
                .sorted((a, b) -> states.get(a.id()).dueOn.compareTo(states.get(b.id()).dueOn))
                .toList();
        List<Question> fresh = qs.stream().filter(q -> !states.containsKey(q.id())).toList();
        Question q = !due.isEmpty() ? due.get(0) : !fresh.isEmpty() ? fresh.get(0) : null;
        if (q == null) {
            return Optional.empty();
        }
        String status = !due.isEmpty() ? "Due for review" : "New card";
        return Optional.of(new Front(topic.id(), topic.title(), q.id(), q.prompt(), q.type().label(), options(q.key()),
                status, due.size(), fresh.size()));
    }

    /** The earliest day a card of the topic comes due after today, if any. */
    public Optional<LocalDate> nextDue(Learner learner, Topic topic) {
        Map<String, ReviewState> states = statesById(learner);
        return bank.bank().inTopic(topic.id()).stream().map(q -> states.get(q.id()))
                .filter(s -> s != null).map(s -> s.dueOn).min(LocalDate::compareTo);
    }

    /** Options shown on the front, sorted: never the file's order, which often puts the right answers first. */
    static List<String> options(AnswerKey key) {
        if (key instanceof AnswerKey.Choice c) {
            return c.choices().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        }
        if (key instanceof AnswerKey.Ordering o) {
            return o.items().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        }
        if (key instanceof AnswerKey.Matching m) {
            List<String> lines = new ArrayList<>();
            for (String left : m.lefts()) {
                lines.add(left + ": ?");
            }
            lines.add("Options: " + String.join("; ", m.rights().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()));
            return lines;
        }
        return List.of();
    }

    private static Map<String, ReviewState> statesById(Learner learner) {
        Map<String, ReviewState> map = new HashMap<>();
        for (ReviewState s : ReviewState.<ReviewState>list("learner", learner)) {
            map.put(s.questionId, s);
        }
        return map;
    }
}
