package org.accord.quiz;

import java.math.BigDecimal;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.accord.bank.AnswerKey;

/** Puts keys and responses into words, one line per item, for feedback and result pages. */
public final class AnswerText {

    private AnswerText() {
    }

    public static List<String> key(AnswerKey key) {
        if (key instanceof AnswerKey.Choice c) {
            return c.correct().stream().sorted().map(c.choices()::get).toList();
        }
        if (key instanceof AnswerKey.TrueFalse t) {
            return List.of(t.answer() ? "True" : "False");
        }
        if (key instanceof AnswerKey.Numeric n) {
            String tolerance = n.tolerance().signum() == 0 ? "" : " (give or take " + plain(n.tolerance()) + ")";
            return List.of(withUnit(plain(n.answer()), n.unit()) + tolerance);
        }
        if (key instanceof AnswerKey.Ordering o) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < o.items().size(); i++) {
                String date = o.dates().get(i);
                lines.add(QuestionViews.ordinal(i + 1) + ": " + o.items().get(i) + (date.isEmpty() ? "" : " (" + date(date) + ")"));
            }
            return lines;
        }
        if (key instanceof AnswerKey.Matching m) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < m.lefts().size(); i++) {
                lines.add(m.lefts().get(i) + " \u2192 " + m.rights().get(m.answers().get(i)));
            }
            return lines;
        }
        if (key instanceof AnswerKey.Text t) {
            return List.of(t.accepted().get(0));
        }
        return List.of();
    }

    public static List<String> response(AnswerKey key, Response response) {
        if (key instanceof AnswerKey.Choice c && response instanceof Response.Picks p) {
            return p.indices().stream().sorted().map(c.choices()::get).toList();
        }
        if (response instanceof Response.Bool b) {
            return List.of(b.value() ? "True" : "False");
        }
        if (key instanceof AnswerKey.Numeric n && response instanceof Response.Number number) {
            return List.of(withUnit(plain(number.value()), n.unit()));
        }
        if (key instanceof AnswerKey.Ordering o && response instanceof Response.Order order) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < order.items().size(); i++) {
                lines.add(QuestionViews.ordinal(i + 1) + ": " + o.items().get(order.items().get(i)));
            }
            return lines;
        }
        if (key instanceof AnswerKey.Matching m && response instanceof Response.Matches matches) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < m.lefts().size(); i++) {
                int chosen = matches.rights().get(i);
                lines.add(m.lefts().get(i) + " \u2192 " + (chosen < 0 ? "(no match chosen)" : m.rights().get(chosen)));
            }
            return lines;
        }
        if (response instanceof Response.Text t) {
            return List.of(t.value());
        }
        return List.of();
    }

    /** "1952-02-18" as "18 February 1952"; "1952-02" as "February 1952". */
    static String date(String isoDate) {
        String[] parts = isoDate.split("-");
        if (parts.length == 1) {
            return parts[0];
        }
        String month = Month.of(Integer.parseInt(parts[1])).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return parts.length == 2 ? month + " " + parts[0] : Integer.parseInt(parts[2]) + " " + month + " " + parts[0];
    }

    private static String withUnit(String number, String unit) {
        return unit.isEmpty() ? number : number + " " + unit;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
