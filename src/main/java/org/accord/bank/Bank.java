package org.accord.bank;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole question bank as loaded: topics in display order and questions by id. Read-only. */
public final class Bank {

    private final List<Topic> topics;
    private final Map<String, Question> questions;
    private final List<QuestionSet> sets;

    public Bank(List<Topic> topics, List<Question> questions) {
        this(topics, questions, List.of());
    }

    public Bank(List<Topic> topics, List<Question> questions, List<QuestionSet> sets) {
        this.topics = List.copyOf(topics);
        this.sets = List.copyOf(sets);
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        this.questions = Collections.unmodifiableMap(byId);
    }

    public List<Topic> topics() {
        return topics;
    }

    public Optional<Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<Question> questions() {
        return List.copyOf(questions.values());
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    public List<QuestionSet> sets() {
        return sets;
    }

    public Optional<QuestionSet> set(String id) {
        return sets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<Question> inTopic(String topicId) {
        return questions.values().stream().filter(q -> q.topic().equals(topicId)).toList();
    }
}
