package org.accord.quiz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.accord.bank.QuestionType;

/**
 * A learner's answer in terms of the question file (canonical indices, never display positions),
 * with the compact text form it is stored in.
 */
public sealed interface Response {

    String encode();

    /** Chosen choices of a single or multiple response question. */
    record Picks(Set<Integer> indices) implements Response {
        public Picks {
            indices = Set.copyOf(indices);
        }

        public String encode() {
            return new TreeSet<>(indices).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    record Bool(boolean value) implements Response {
        public String encode() {
            return String.valueOf(value);
        }
    }

    record Number(BigDecimal value) implements Response {
        public String encode() {
            return value.toPlainString();
        }
    }

    /** Item indices in the order the learner put them. */
    record Order(List<Integer> items) implements Response {
        public Order {
            items = List.copyOf(items);
        }

        public String encode() {
            return items.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    /** For each left item, the index of the chosen right item, or -1 where none was chosen. */
    record Matches(List<Integer> rights) implements Response {
        public Matches {
            rights = List.copyOf(rights);
        }

        public String encode() {
            return rights.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    record Text(String value) implements Response {
        public String encode() {
            return value;
        }
    }

    static Response decode(QuestionType type, String stored) {
        return switch (type) {
            case SINGLE, MULTIPLE -> new Picks(Set.copyOf(ints(stored)));
            case TRUEFALSE -> new Bool(Boolean.parseBoolean(stored));
            case NUMERIC -> new Number(new BigDecimal(stored));
            case ORDERING -> new Order(ints(stored));
            case MATCHING -> new Matches(ints(stored));
            case TEXT -> new Text(stored);
        };
    }

    private static List<Integer> ints(String csv) {
        if (csv.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(csv.split(",")).map(Integer::valueOf).toList());
    }
}
