package org.accord.quiz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accord.bank.AnswerKey;
import org.accord.bank.Question;

/**
 * Turns the submitted fields of a question page into a {@link Response}, translating display
 * positions back to file indices. Anything a person could not have sent from the page is refused.
 */
public final class AnswerForm {

    static final int MAX_TEXT = 200;

    private AnswerForm() {
    }

    public static Response parse(Question q, Arrangement arrangement, Map<String, List<String>> form) {
        AnswerKey key = q.key();
        if (key instanceof AnswerKey.Choice choice) {
            List<Integer> shown = arrangement.order(q.id(), "choices", choice.choices().size());
            List<String> values = form.getOrDefault("choice", List.of());
            if (values.isEmpty()) {
                throw new InvalidAnswerException("choice", choice.multiple() ? "Tick at least one answer." : "Choose an answer.");
            }
            if (!choice.multiple() && values.size() > 1) {
                throw new InvalidAnswerException("choice", "Choose only one answer.");
            }
            Set<Integer> picks = new HashSet<>();
            for (String value : values) {
                picks.add(shown.get(position(value, shown.size(), "choice", "That choice is not one of this question's choices.")));
            }
            return new Response.Picks(picks);
        }
        if (key instanceof AnswerKey.TrueFalse) {
            String value = single(form, "answer", "Choose True or False.");
            if (!value.equals("true") && !value.equals("false")) {
                throw new InvalidAnswerException("answer", "Choose True or False.");
            }
            return new Response.Bool(Boolean.parseBoolean(value));
        }
        if (key instanceof AnswerKey.Numeric) {
            return new Response.Number(number(single(form, "answer", "Enter a number.")));
        }
        if (key instanceof AnswerKey.Text) {
            String value = single(form, "answer", "Type your answer.");
            if (value.length() > MAX_TEXT) {
                throw new InvalidAnswerException("answer", "Keep the answer under " + MAX_TEXT + " characters.");
            }
            return new Response.Text(value.strip());
        }
        if (key instanceof AnswerKey.Ordering ordering) {
            int n = ordering.items().size();
            List<Integer> shown = arrangement.order(q.id(), "items", n);
            Integer[] byPosition = new Integer[n];
            for (int d = 0; d < n; d++) {
                String field = "position-" + d;
                String value = single(form, field, "Give every item a position.");
                int position = position(value, n + 1, field, "Positions run from 1 to " + n + ".");
                if (position == 0) {
                    throw new InvalidAnswerException(field, "Positions run from 1 to " + n + ".");
                }
                if (byPosition[position - 1] != null) {
                    throw new InvalidAnswerException(field, "Two items share position " + position + "; give each item its own position.");
                }
                byPosition[position - 1] = shown.get(d);
            }
            return new Response.Order(List.of(byPosition));
        }
        if (key instanceof AnswerKey.Matching matching) {
            List<Integer> shown = arrangement.order(q.id(), "rights", matching.rights().size());
            List<Integer> chosen = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < matching.lefts().size(); i++) {
                String field = "match-" + i;
                List<String> values = form.getOrDefault(field, List.of());
                if (values.size() > 1) {
                    throw new InvalidAnswerException(field, "Choose one match for each item.");
                }
                if (values.isEmpty() || values.get(0).isEmpty()) {
                    chosen.add(-1);
                } else {
                    chosen.add(shown.get(position(values.get(0), shown.size(), field, "Choose one of the listed options.")));
                    any = true;
                }
            }
            if (!any) {
                throw new InvalidAnswerException("match-0", "Match at least one item.");
            }
            return new Response.Matches(chosen);
        }
        throw new IllegalStateException("no form for " + key.getClass().getSimpleName());
    }

    private static String single(Map<String, List<String>> form, String field, String missing) {
        List<String> values = form.getOrDefault(field, List.of());
        if (values.size() > 1) {
            throw new InvalidAnswerException(field, "Send one value only.");
        }
        if (values.isEmpty() || values.get(0).isBlank()) {
            throw new InvalidAnswerException(field, missing);
        }
        return values.get(0);
    }

    private static int position(String value, int size, String field, String message) {
        try {
            int position = Integer.parseInt(value.strip());
            if (position >= 0 && position < size) {
                return position;
            }
        } catch (NumberFormatException e) {
            // falls through to the learner-facing message
        }
        throw new InvalidAnswerException(field, message);
    }

    /** Accepts "1949", "1 949", "1,949", "0.5" and "0,5". */
    static BigDecimal number(String raw) {
        String value = raw.strip().replace(" ", "").replace("\u00a0", "");
        if (value.matches("-?\\d{1,3}(,\\d{3})+")) {
            value = value.replace(",", "");
        } else if (value.indexOf('.') < 0 && value.chars().filter(c -> c == ',').count() == 1) {
            value = value.replace(',', '.');
        }
        if (value.length() > 30 || !value.matches("-?\\d+(\\.\\d+)?")) {
            throw new InvalidAnswerException("answer", "Enter a number, such as 1949.");
        }
        return new BigDecimal(value);
    }
}
