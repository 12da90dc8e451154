package org.accord.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accord.bank.AnswerKey;
import org.accord.bank.Question;
import org.accord.quiz.QuestionView.Option;
import org.accord.quiz.QuestionView.SelectRow;

/** Builds the form of a question in the attempt's display order, refilled with what was submitted. */
public final class QuestionViews {

    private QuestionViews() {
    }

    public static QuestionView form(Question q, Arrangement arrangement, Map<String, List<String>> submitted, InvalidAnswerException error) {
        AnswerKey key = q.key();
        List<Option> options = List.of();
        List<SelectRow> orderRows = List.of();
        List<SelectRow> matchRows = List.of();
        String value = "";
        String unit = "";
        if (key instanceof AnswerKey.Choice choice) {
            List<Integer> shown = arrangement.order(q.id(), "choices", choice.choices().size());
            List<String> picked = submitted.getOrDefault("choice", List.of());
            options = new ArrayList<>();
            for (int d = 0; d < shown.size(); d++) {
                String v = String.valueOf(d);
                options.add(new Option(v, choice.choices().get(shown.get(d)), picked.contains(v)));
            }
        } else if (key instanceof AnswerKey.TrueFalse) {
            String picked = first(submitted, "answer");
            options = List.of(new Option("true", "True", "true".equals(picked)),
                    new Option("false", "False", "false".equals(picked)));
        } else if (key instanceof AnswerKey.Numeric numeric) {
            value = first(submitted, "answer");
            unit = numeric.unit();
        } else if (key instanceof AnswerKey.Text) {
            value = first(submitted, "answer");
        } else if (key instanceof AnswerKey.Ordering ordering) {
            int n = ordering.items().size();
            List<Integer> shown = arrangement.order(q.id(), "items", n);
            orderRows = new ArrayList<>();
            for (int d = 0; d < n; d++) {
                String field = "position-" + d;
                String picked = first(submitted, field);
                List<Option> positions = new ArrayList<>();
                for (int p = 1; p <= n; p++) {
                    positions.add(new Option(String.valueOf(p), ordinal(p), String.valueOf(p).equals(picked)));
                }
                orderRows.add(new SelectRow(field, ordering.items().get(shown.get(d)), positions));
            }
        } else if (key instanceof AnswerKey.Matching matching) {
            List<Integer> shown = arrangement.order(q.id(), "rights", matching.rights().size());
            matchRows = new ArrayList<>();
            for (int i = 0; i < matching.lefts().size(); i++) {
                String field = "match-" + i;
                String picked = first(submitted, field);
                List<Option> rights = new ArrayList<>();
                for (int d = 0; d < shown.size(); d++) {
                    String v = String.valueOf(d);
                    rights.add(new Option(v, matching.rights().get(shown.get(d)), v.equals(picked)));
                }
                matchRows.add(new SelectRow(field, matching.lefts().get(i), rights));
            }
        }
        return new QuestionView(q.id(), q.type().fileName(), q.type().label(), q.prompt(), options, orderRows,
                matchRows, value, unit, error == null ? null : error.field(), error == null ? null : error.getMessage());
    }

    static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String first(Map<String, List<String>> submitted, String field) {
        List<String> values = submitted.getOrDefault(field, List.of());
        return values.isEmpty() ? "" : values.get(0);
    }
}
