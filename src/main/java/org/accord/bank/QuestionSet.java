package org.accord.bank;

import java.util.List;

/** A curated list of questions that can be practised or assigned as it is. */
public record QuestionSet(String id, String title, String summary, List<String> questionIds) {

    public QuestionSet {
        questionIds = List.copyOf(questionIds);
    }
}
