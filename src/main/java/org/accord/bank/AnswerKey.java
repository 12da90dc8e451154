package org.accord.bank;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** What counts as right for one question; one record per family of question types. */
public sealed interface AnswerKey {

    /** Single choice (one index in {@code correct}) and multiple response. */
    record Choice(List<String> choices, Set<Integer> correct, boolean multiple) implements AnswerKey {
        public Choice {
            choices = List.copyOf(choices);
            correct = Set.copyOf(correct);
        }
    }

    record TrueFalse(boolean answer) implements AnswerKey {
    }

    /**
     * A number; a response within {@code tolerance} of {@code answer}, inclusive, is right.
     * {@code distractors} are plausible wrong numbers, for when the question is asked as a choice.
     */
    record Numeric(BigDecimal answer, BigDecimal tolerance, String unit, List<BigDecimal> distractors) implements AnswerKey {
        public Numeric {
            distractors = List.copyOf(distractors);
        }

        public Numeric(BigDecimal answer, BigDecimal tolerance, String unit) {
            this(answer, tolerance, unit, List.of());
        }
    }

    /** Items listed in their correct order, each with the date that places it ("" where none is given). */
    record Ordering(List<String> items, List<String> dates) implements AnswerKey {
        public Ordering {
            items = List.copyOf(items);
            dates = List.copyOf(dates);
            if (dates.size() != items.size()) {
                throw new IllegalArgumentException("one date per item");
            }
        }

        public Ordering(List<String> items) {
            this(items, items.stream().map(i -> "").toList());
        }

        public boolean dated() {
            return dates.stream().noneMatch(String::isEmpty);
        }
    }

    /**
     * Left items in the order they are shown; {@code rights} holds each distinct right item once and
     * {@code answers.get(i)} is the index in {@code rights} that matches left item i.
     */
    record Matching(List<String> lefts, List<String> rights, List<Integer> answers) implements AnswerKey {
        public Matching {
            lefts = List.copyOf(lefts);
            rights = List.copyOf(rights);
            answers = List.copyOf(answers);
        }
    }

    /** The first accepted answer is the canonical one, shown as the correct answer. */
    record Text(List<String> accepted) implements AnswerKey {
        public Text {
            accepted = List.copyOf(accepted);
        }
    }
}
