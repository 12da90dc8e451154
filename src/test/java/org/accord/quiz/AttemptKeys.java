package org.accord.quiz;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.accord.bank.AnswerKey;
import org.accord.bank.BankStore;
import org.accord.bank.Question;

/** Looks up, from the server's side, which question stands at a position and how to answer it right. */
public final class AttemptKeys {

    public record Slot(Question question, Arrangement arrangement) {
    }

    private AttemptKeys() {
    }

    public static Slot slot(BankStore bank, String attemptId, int number) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Attempt attempt = Attempt.find("publicId", attemptId).firstResult();
            AttemptItem item = AttemptItem.of(attempt).get(number - 1);
            return new Slot(bank.version(item.questionVersion), attempt.arrangement());
        });
    }

    /** The form fields a person who knows the answer would send. */
    public static Map<String, List<String>> correctForm(Slot slot) {
        Question q = slot.question();
        Arrangement arranged = slot.arrangement();
        Map<String, List<String>> form = new HashMap<>();
        AnswerKey key = q.key();
        if (key instanceof AnswerKey.Choice c) {
            List<Integer> shown = arranged.order(q.id(), "choices", c.choices().size());
            List<String> picks = new ArrayList<>();
            c.correct().forEach(i -> picks.add(String.valueOf(shown.indexOf(i))));
            form.put("choice", picks);
        } else if (key instanceof AnswerKey.TrueFalse t) {
            form.put("answer", List.of(String.valueOf(t.answer())));
        } else if (key instanceof AnswerKey.Numeric n) {
            form.put("answer", List.of(n.answer().toPlainString()));
        } else if (key instanceof AnswerKey.Text t) {
            form.put("answer", List.of(t.accepted().get(0)));
        } else if (key instanceof AnswerKey.Ordering o) {
            List<Integer> shown = arranged.order(q.id(), "items", o.items().size());
            for (int d = 0; d < shown.size(); d++) {
                form.put("position-" + d, List.of(String.valueOf(shown.get(d) + 1)));
            }
        } else if (key instanceof AnswerKey.Matching m) {
            List<Integer> shown = arranged.order(q.id(), "rights", m.rights().size());
            for (int i = 0; i < m.lefts().size(); i++) {
                form.put("match-" + i, List.of(String.valueOf(shown.indexOf(m.answers().get(i)))));
            }
        }
        return form;
    }

    /**
     * The fields of an answer that scores nothing, for the types where one wrong pick does (true/false,
     * numeric, text and choices with one right answer); empty for the others.
     */
    public static Optional<Map<String, List<String>>> wrongForm(Slot slot) {
        AnswerKey key = slot.question().key();
        if (key instanceof AnswerKey.TrueFalse t) {
            return Optional.of(Map.of("answer", List.of(String.valueOf(!t.answer()))));
        }
        if (key instanceof AnswerKey.Numeric n) {
            return Optional.of(Map.of("answer", List.of(n.answer().add(n.tolerance()).add(BigDecimal.TEN).toPlainString())));
        }
        if (key instanceof AnswerKey.Text) {
            return Optional.of(Map.of("answer", List.of("Atlantis")));
        }
        if (key instanceof AnswerKey.Choice c && c.correct().size() == 1) {
            List<Integer> shown = slot.arrangement().order(slot.question().id(), "choices", c.choices().size());
            int wrong = c.correct().contains(0) ? 1 : 0;
            return Optional.of(Map.of("choice", List.of(String.valueOf(shown.indexOf(wrong)))));
        }
        return Optional.empty();
    }
}
