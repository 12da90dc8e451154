package org.accord.bank;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads from one YAML mapping that remember where each value stood, so every complaint names
 * the file and line a person has to fix.
 */
final class YamlFields {

    private final String file;
    private final String what;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlFields(String file, String what, MappingNode node) {
        this.file = file;
        this.what = what;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            String key = scalarText(file, what, tuple.getKeyNode(), "a key");
            if (entries.put(key, tuple) != null) {
                throw new BankException(file, line(tuple.getKeyNode()), what + ": the key '" + key + "' appears twice");
            }
        }
    }

    static YamlFields of(String file, String what, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            throw new BankException(file, line(node), what + ": expected a mapping of 'key: value' lines");
        }
        return new YamlFields(file, what, mapping);
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    int line() {
        return line(node);
    }

    String what() {
        return what;
    }

    BankException error(String key, String problem) {
        NodeTuple tuple = entries.get(key);
        int at = tuple == null ? line() : line(tuple.getValueNode());
        return new BankException(file, at, what + ": " + problem);
    }

    void allowOnly(List<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw new BankException(file, line(entry.getValue().getKeyNode()),
                        what + ": unknown key '" + entry.getKey() + "'; expected one of " + String.join(", ", allowed));
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node node(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw new BankException(file, line(), what + ": missing '" + key + "'");
        }
        return tuple.getValueNode();
    }

    String text(String key) {
        String value = scalarText(file, what + ", '" + key + "'", node(key), "text");
        if (value.isBlank()) {
            throw error(key, "'" + key + "' is empty");
        }
        return value.strip();
    }

    Optional<String> optionalText(String key) {
        return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    int integer(String key, int min, int max) {
        String raw = text(key);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw error(key, "'" + key + "' must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
    }

    BigDecimal number(String key) {
        String raw = text(key);
        return parseNumber(raw).orElseThrow(() -> error(key, "'" + key + "' must be a number, not '" + raw + "'"));
    }

    static Optional<BigDecimal> parseNumber(String raw) {
        try {
            // One spelling per value (0.50 and 0.5 are the same answer), so stored versions compare equal.
            return Optional.of(new BigDecimal(new BigDecimal(raw.strip().replace("_", "")).stripTrailingZeros().toPlainString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String file() {
        return file;
    }

    boolean bool(String key) {
        String raw = text(key);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "'" + key + "' must be true or false, not '" + raw + "'");
        };
    }

    /** A list of non-blank text items; a lone scalar is not accepted, so a forgotten dash is caught. */
    List<String> texts(String key, int minSize) {
        Node value = node(key);
        if (!(value instanceof SequenceNode sequence)) {
            throw error(key, "'" + key + "' must be a list (lines starting with '- ', or [a, b])");
        }
        List<String> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String text = scalarText(file, what + ", '" + key + "'", item, "text");
            if (text.isBlank()) {
                throw new BankException(file, line(item), what + ": an item of '" + key + "' is empty");
            }
            if (items.contains(text.strip())) {
                throw new BankException(file, line(item), what + ": '" + text.strip() + "' appears twice in '" + key + "'");
            }
            items.add(text.strip());
        }
        if (items.size() < minSize) {
            throw error(key, "'" + key + "' needs at least " + minSize + " item" + (minSize == 1 ? "" : "s")
                    + ", found " + items.size());
        }
        return items;
    }

    List<String> optionalTexts(String key) {
        return has(key) ? texts(key, 0) : List.of();
    }

    /** An ordered mapping of text to text, e.g. the pairs of a matching question. */
    LinkedHashMap<String, String> textMap(String key) {
        Node value = node(key);
        if (!(value instanceof MappingNode mapping)) {
            throw error(key, "'" + key + "' must be a mapping of 'left: right' lines");
        }
        LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String left = scalarText(file, what + ", '" + key + "'", tuple.getKeyNode(), "text").strip();
            String right = scalarText(file, what + ", '" + key + "'", tuple.getValueNode(), "text").strip();
            if (left.isEmpty() || right.isEmpty()) {
                throw new BankException(file, line(tuple.getKeyNode()), what + ": a pair in '" + key + "' is empty");
            }
            if (pairs.put(left, right) != null) {
                throw new BankException(file, line(tuple.getKeyNode()),
                        what + ": '" + left + "' appears twice in '" + key + "'");
            }
        }
        return pairs;
    }

    List<Node> nodes(String key) {
        Node value = node(key);
        if (!(value instanceof SequenceNode sequence)) {
            throw error(key, "'" + key + "' must be a list");
        }
        return sequence.getValue();
    }

    private static String scalarText(String file, String what, Node node, String expected) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new BankException(file, line(node), what + ": expected " + expected + ", found a "
                + (node instanceof SequenceNode ? "list" : "mapping"));
    }
}
