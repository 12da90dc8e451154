package org.accord.bank;

import java.util.List;

/** One question of the bank as its file states it. */
public record Question(
        String id,
        String topic,
        QuestionType type,
        int difficulty,
        List<String> tags,
        String prompt,
        AnswerKey key,
        String explanation,
        List<String> sources) {

    public Question {
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
    }
}
