package org.accord.quiz;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.accord.bank.AnswerKey;
import org.accord.bank.Texts;

/** Scores one response against its key: a share of one point, from 0 to 1. Pure; no I/O. */
public final class Scorer {

    private Scorer() {
    }

    public static double score(AnswerKey key, Response response) {
        if (key instanceof AnswerKey.Choice choice && response instanceof Response.Picks picks) {
            return scoreChoice(choice, picks);
        }
        if (key instanceof AnswerKey.TrueFalse tf && response instanceof Response.Bool b) {
            return tf.answer() == b.value() ? 1 : 0;
        }
        if (key instanceof AnswerKey.Numeric n && response instanceof Response.Number number) {
            return number.value().subtract(n.answer()).abs().compareTo(n.tolerance()) <= 0 ? 1 : 0;
        }
        if (key instanceof AnswerKey.Ordering o && response instanceof Response.Order order) {
            return scoreOrder(o, order);
        }
        if (key instanceof AnswerKey.Matching m && response instanceof Response.Matches matches) {
            return scoreMatching(m, matches);
        }
        if (key instanceof AnswerKey.Text t && response instanceof Response.Text text) {
            String given = Texts.normalise(text.value());
            return !given.isEmpty() && t.accepted().stream().map(Texts::normalise).anyMatch(given::equals) ? 1 : 0;
        }
        throw new InvalidAnswerException("answer", "This answer does not fit the question.");
    }

    private static double scoreChoice(AnswerKey.Choice key, Response.Picks picks) {
        for (int index : picks.indices()) {
            if (index < 0 || index >= key.choices().size()) {
                throw new InvalidAnswerException("choice", "That choice is not one of this question's choices.");
            }
        }
        if (!key.multiple()) {
            if (picks.indices().size() > 1) {
                throw new InvalidAnswerException("choice", "Choose only one answer.");
            }
            return picks.indices().equals(key.correct()) && !picks.indices().isEmpty() ? 1 : 0;
        }
        long right = picks.indices().stream().filter(key.correct()::contains).count();
        long wrong = picks.indices().size() - right;
        return Math.max(0, (double) (right - wrong) / key.correct().size());
    }

    /** Share of item pairs the learner put in the same relative order as the key. */
    private static double scoreOrder(AnswerKey.Ordering key, Response.Order order) {
        int n = key.items().size();
        List<Integer> items = order.items();
        if (items.isEmpty()) {
            return 0;
        }
        Set<Integer> distinct = new HashSet<>(items);
        if (items.size() != n || distinct.size() != n || items.stream().anyMatch(i -> i < 0 || i >= n)) {
            throw new InvalidAnswerException("position", "Give each item its own position, from 1 to " + n + ".");
        }
        int[] placedAt = new int[n];
        for (int position = 0; position < n; position++) {
            placedAt[items.get(position)] = position;
        }
        int inOrder = 0;
        int pairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                pairs++;
                if (placedAt[a] < placedAt[b]) {
                    inOrder++;
                }
            }
        }
        return (double) inOrder / pairs;
    }

    private static double scoreMatching(AnswerKey.Matching key, Response.Matches matches) {
        List<Integer> chosen = matches.rights();
        if (chosen.isEmpty()) {
            return 0;
        }
        if (chosen.size() != key.lefts().size()
                || chosen.stream().anyMatch(r -> r < -1 || r >= key.rights().size())) {
            throw new InvalidAnswerException("match", "Each item can be matched only with one of the listed options.");
        }
        int right = 0;
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i).equals(key.answers().get(i))) {
                right++;
            }
        }
        return (double) right / key.lefts().size();
    }
}
