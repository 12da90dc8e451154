package org.accord.bank;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The canonical text of a question: what is stored as one version and hashed to tell whether a
 * question changed. Comments and layout of the source file do not count as a change.
 */
public final class QuestionCodec {

    private final BankParser parser = new BankParser();

    public String toText(Question q) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", q.id());
        map.put("topic", q.topic());
        map.put("type", q.type().fileName());
        map.put("difficulty", String.valueOf(q.difficulty()));
        map.put("tags", q.tags());
        map.put("prompt", q.prompt());
        AnswerKey key = q.key();
        if (key instanceof AnswerKey.Choice c) {
            map.put("choices", c.choices());
            List<String> correct = c.correct().stream().sorted().map(c.choices()::get).toList();
            if (c.multiple()) {
                map.put("answers", correct);
            } else {
                map.put("answer", correct.get(0));
            }
        } else if (key instanceof AnswerKey.TrueFalse t) {
            map.put("answer", String.valueOf(t.answer()));
        } else if (key instanceof AnswerKey.Numeric n) {
            map.put("answer", plain(n.answer()));
            map.put("tolerance", plain(n.tolerance()));
            if (!n.unit().isEmpty()) {
                map.put("unit", n.unit());
            }
            if (!n.distractors().isEmpty()) {
                map.put("distractors", n.distractors().stream().map(QuestionCodec::plain).toList());
            }
        } else if (key instanceof AnswerKey.Ordering o) {
            List<Object> items = new java.util.ArrayList<>();
            for (int i = 0; i < o.items().size(); i++) {
                if (o.dates().get(i).isEmpty()) {
                    items.add(o.items().get(i));
                } else {
                    Map<String, String> item = new LinkedHashMap<>();
                    item.put("text", o.items().get(i));
                    item.put("date", o.dates().get(i));
                    items.add(item);
                }
            }
            map.put("items", items);
        } else if (key instanceof AnswerKey.Matching m) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = 0; i < m.lefts().size(); i++) {
                pairs.put(m.lefts().get(i), m.rights().get(m.answers().get(i)));
            }
            map.put("pairs", pairs);
        } else if (key instanceof AnswerKey.Text t) {
            map.put("answer", t.accepted().get(0));
            map.put("accept", t.accepted().subList(1, t.accepted().size()));
        }
        map.put("explanation", q.explanation());
        map.put("sources", q.sources());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(map);
    }

    public Question fromText(String label, String text) {
        return parser.parseStored(label, text);
    }

    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
