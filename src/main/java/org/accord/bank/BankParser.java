package org.accord.bank;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the bank folder (format: questions/README.md) into a {@link Bank}, or says exactly what is wrong. */
public final class BankParser {

    static final String TOPICS_FILE = "topics.yaml";
    static final String SETS_FILE = "sets.yaml";
    private static final Pattern DATE = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ID_LENGTH = 100;
    // Lists, not sets: an "unknown key" message names the allowed keys in the order the README gives them.
    private static final List<String> COMMON_KEYS =
            List.of("id", "type", "difficulty", "tags", "prompt", "explanation", "sources");
    private static final Map<QuestionType, List<String>> TYPE_KEYS = Map.of(
            QuestionType.SINGLE, List.of("choices", "answer"),
            QuestionType.MULTIPLE, List.of("choices", "answers"),
            QuestionType.TRUEFALSE, List.of("answer"),
            QuestionType.NUMERIC, List.of("answer", "tolerance", "unit", "distractors"),
            QuestionType.ORDERING, List.of("items"),
            QuestionType.MATCHING, List.of("pairs"),
            QuestionType.TEXT, List.of("answer", "accept"));

    /** Reads {@code topics.yaml} and every other {@code *.yaml} file directly in {@code folder}. */
    public Bank parseFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BankException(folder.toString(), 0, "the question bank folder does not exist");
        }
        Path topicsFile = folder.resolve(TOPICS_FILE);
        if (!Files.isRegularFile(topicsFile)) {
            throw new BankException(topicsFile.toString(), 0, "missing: the bank needs a " + TOPICS_FILE + " listing its topics");
        }
        List<Topic> topics = parseTopics(display(topicsFile), read(topicsFile));
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(TOPICS_FILE))
                    .filter(p -> !p.getFileName().toString().equals(SETS_FILE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BankException(folder.toString(), 0, "cannot list the folder: " + e.getMessage());
        }
        Set<String> topicIds = new HashSet<>();
        topics.forEach(t -> topicIds.add(t.id()));
        Map<String, String> seenIds = new HashMap<>();
        Map<String, String> seenPrompts = new HashMap<>();
        List<Question> questions = new ArrayList<>();
        // Files are parsed in parallel (start-up time); their errors and duplicates are reported in file order.
        List<Object> parsed = files.parallelStream().map(file -> {
            try {
                return (Object) parseQuestionFile(display(file), read(file), topicIds);
            } catch (BankException e) {
                return e;
            }
        }).toList();
        for (int f = 0; f < files.size(); f++) {
            String name = display(files.get(f));
            if (parsed.get(f) instanceof BankException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Located> inFile = (List<Located>) parsed.get(f);
            for (Located located : inFile) {
                Question q = located.question();
                String where = name + ":" + located.line();
                String earlier = seenIds.putIfAbsent(q.id(), where);
                if (earlier != null) {
                    throw new BankException(name, located.line(), "question id '" + q.id() + "' is already used at " + earlier);
                }
                String prompt = normalisedPrompt(q.prompt());
                String samePrompt = seenPrompts.putIfAbsent(prompt, where);
                if (samePrompt != null) {
                    throw new BankException(name, located.line(),
                            "question '" + q.id() + "' has the same prompt as the question at " + samePrompt);
                }
                questions.add(q);
            }
        }
        Path setsFile = folder.resolve(SETS_FILE);
        List<QuestionSet> sets = Files.isRegularFile(setsFile)
                ? parseSets(display(setsFile), read(setsFile), seenIds.keySet())
                : List.of();
        return new Bank(topics, questions, sets);
    }

    List<QuestionSet> parseSets(String file, String text, Set<String> questionIds) {
        YamlFields root = YamlFields.of(file, "the sets file", compose(file, text));
        root.allowOnly(List.of("sets"));
        List<QuestionSet> sets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node node : root.nodes("sets")) {
            YamlFields fields = YamlFields.of(file, "a question set", node);
            String id = fields.text("id");
            YamlFields set = YamlFields.of(file, "question set '" + id + "'", node);
            set.allowOnly(List.of("id", "title", "summary", "questions"));
            checkId(set, id);
            if (!ids.add(id)) {
                throw set.error("id", "set id '" + id + "' appears twice");
            }
            List<String> members = set.texts("questions", 1);
            for (String member : members) {
                if (!questionIds.contains(member)) {
                    throw set.error("questions", "names question '" + member + "', which is not in the bank");
                }
            }
            sets.add(new QuestionSet(id, set.text("title"), set.optionalText("summary").orElse(""), members));
        }
        return sets;
    }

    List<Topic> parseTopics(String file, String text) {
        YamlFields root = YamlFields.of(file, "the topics file", compose(file, text));
        root.allowOnly(List.of("topics"));
        List<Topic> topics = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node node : root.nodes("topics")) {
            YamlFields fields = YamlFields.of(file, "a topic", node);
            fields.allowOnly(List.of("id", "title", "summary"));
            String id = fields.text("id");
            checkId(fields, id);
            if (!ids.add(id)) {
                throw fields.error("id", "topic id '" + id + "' appears twice");
            }
            topics.add(new Topic(id, fields.text("title"), fields.optionalText("summary").orElse("")));
        }
        if (topics.isEmpty()) {
            throw new BankException(file, root.line(), "'topics' lists no topic");
        }
        return topics;
    }

    /** A question with the line it starts on, for messages that point back into the file. */
    record Located(Question question, int line) {
    }

    List<Located> parseQuestionFile(String file, String text, Set<String> topicIds) {
        YamlFields root = YamlFields.of(file, "the question file", compose(file, text));
        root.allowOnly(List.of("topic", "questions"));
        String topic = root.text("topic");
        if (!topicIds.contains(topic)) {
            throw root.error("topic", "topic '" + topic + "' is not listed in " + TOPICS_FILE
                    + " (known: " + String.join(", ", topicIds.stream().sorted().toList()) + ")");
        }
        List<Located> questions = new ArrayList<>();
        for (Node node : root.nodes("questions")) {
            questions.add(new Located(parseQuestion(file, topic, node, false), YamlFields.line(node)));
        }
        return questions;
    }

    /** Reads one stored question version, as written by {@link QuestionCodec}. */
    public Question parseStored(String label, String text) {
        return parseQuestion(label, null, compose(label, text), true);
    }

    private Question parseQuestion(String file, String topic, Node node, boolean stored) {
        YamlFields probe = YamlFields.of(file, "a question", node);
        String id = probe.text("id");
        YamlFields fields = YamlFields.of(file, "question '" + id + "'", node);
        checkId(fields, id);
        String typeName = fields.text("type");
        QuestionType type = QuestionType.fromFileName(typeName).orElseThrow(() -> fields.error("type",
                "unknown type '" + typeName + "'; expected one of " + QuestionType.allFileNames()));
        List<String> allowed = new ArrayList<>(COMMON_KEYS);
        allowed.addAll(TYPE_KEYS.get(type));
        if (stored) {
            allowed.add("topic");
            topic = fields.text("topic");
        }
        fields.allowOnly(allowed);
        int difficulty = fields.integer("difficulty", 1, 3);
        List<String> tags = fields.optionalTexts("tags");
        String prompt = fields.text("prompt");
        String explanation = fields.text("explanation");
        List<String> sources = fields.texts("sources", 1);
        AnswerKey key = parseKey(fields, type);
        return new Question(id, topic, type, difficulty, tags, prompt, key, explanation, sources);
    }

    private AnswerKey parseKey(YamlFields fields, QuestionType type) {
        return switch (type) {
            case SINGLE -> {
                List<String> choices = choices(fields);
                String answer = fields.text("answer");
                int index = choices.indexOf(answer);
                if (index < 0) {
                    throw fields.error("answer", "the answer '" + answer + "' is not one of the choices");
                }
                yield new AnswerKey.Choice(choices, Set.of(index), false);
            }
            case MULTIPLE -> {
                List<String> choices = choices(fields);
                Set<Integer> correct = new LinkedHashSet<>();
                for (String answer : fields.texts("answers", 1)) {
                    int index = choices.indexOf(answer);
                    if (index < 0) {
                        throw fields.error("answers", "the answer '" + answer + "' is not one of the choices");
                    }
                    correct.add(index);
                }
                yield new AnswerKey.Choice(choices, correct, true);
            }
            case TRUEFALSE -> new AnswerKey.TrueFalse(fields.bool("answer"));
            case NUMERIC -> {
                BigDecimal answer = fields.number("answer");
                BigDecimal tolerance = fields.has("tolerance") ? fields.number("tolerance") : BigDecimal.ZERO;
                if (tolerance.signum() < 0) {
                    throw fields.error("tolerance", "'tolerance' cannot be negative");
                }
                List<BigDecimal> distractors = new ArrayList<>();
                for (String raw : fields.optionalTexts("distractors")) {
                    BigDecimal distractor = YamlFields.parseNumber(raw)
                            .orElseThrow(() -> fields.error("distractors", "distractor '" + raw + "' is not a number"));
                    if (distractor.subtract(answer).abs().compareTo(tolerance) <= 0) {
                        throw fields.error("distractors", "distractor " + raw + " is within the tolerance of the answer, so it would count as right");
                    }
                    distractors.add(distractor);
                }
                yield new AnswerKey.Numeric(answer, tolerance, fields.optionalText("unit").orElse(""), distractors);
            }
            case ORDERING -> ordering(fields);
            case MATCHING -> {
                LinkedHashMap<String, String> pairs = fields.textMap("pairs");
                List<String> rights = new ArrayList<>(new LinkedHashSet<>(pairs.values()));
                if (pairs.size() < 2 || rights.size() < 2) {
                    throw fields.error("pairs", "'pairs' needs at least two pairs with two different right items");
                }
                List<Integer> answers = pairs.values().stream().map(rights::indexOf).toList();
                yield new AnswerKey.Matching(new ArrayList<>(pairs.keySet()), rights, answers);
            }
            case TEXT -> {
                List<String> accepted = new ArrayList<>();
                accepted.add(fields.text("answer"));
                for (String alternative : fields.optionalTexts("accept")) {
                    if (!accepted.contains(alternative)) {
                        accepted.add(alternative);
                    }
                }
                yield new AnswerKey.Text(accepted);
            }
        };
    }

    /** Choices must differ by more than case, accents or punctuation, or a distractor could equal the answer. */
    private static List<String> choices(YamlFields fields) {
        List<String> choices = fields.texts("choices", 2);
        Map<String, String> seen = new HashMap<>();
        for (String choice : choices) {
            String earlier = seen.putIfAbsent(Texts.normalise(choice), choice);
            if (earlier != null) {
                throw fields.error("choices", "choices '" + earlier + "' and '" + choice + "' read the same");
            }
        }
        return choices;
    }

    private AnswerKey.Ordering ordering(YamlFields fields) {
        List<String> items = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (Node node : fields.nodes("items")) {
            String text;
            String date = "";
            if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) {
                text = scalar.getValue().strip();
            } else {
                YamlFields item = YamlFields.of(fields.file(), fields.what() + ", an item", node);
                item.allowOnly(List.of("text", "date"));
                text = item.text("text");
                date = item.text("date");
                if (!DATE.matcher(date).matches()) {
                    throw item.error("date", "date '" + date + "' must be YYYY, YYYY-MM or YYYY-MM-DD");
                }
                if (!dates.isEmpty() && !dates.get(dates.size() - 1).isEmpty()) {
                    String previous = dates.get(dates.size() - 1);
                    if (date.startsWith(previous) || previous.startsWith(date)) {
                        throw item.error("date", "'" + text + "' (" + date + ") ties with the item before it (" + previous
                                + "); a learner could not tell their order");
                    }
                    if (date.compareTo(previous) < 0) {
                        throw item.error("date", "'" + text + "' (" + date + ") is dated before the item above it (" + previous
                                + "); list items in chronological order");
                    }
                }
            }
            if (text.isEmpty()) {
                throw new BankException(fields.file(), YamlFields.line(node), fields.what() + ": an item of 'items' is empty");
            }
            if (items.contains(text)) {
                throw new BankException(fields.file(), YamlFields.line(node), fields.what() + ": '" + text + "' appears twice in 'items'");
            }
            items.add(text);
            dates.add(date);
        }
        if (items.size() < 2) {
            throw fields.error("items", "'items' needs at least 2 items, found " + items.size());
        }
        return new AnswerKey.Ordering(items, dates);
    }

    private static void checkId(YamlFields fields, String id) {
        if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
            throw fields.error("id", "id '" + id + "' must be lower-case letters, digits and single dashes, at most "
                    + MAX_ID_LENGTH + " characters");
        }
    }

    private static String normalisedPrompt(String prompt) {
        return prompt.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static Node compose(String file, String text) {
        try {
            Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            if (node == null) {
                throw new BankException(file, 0, "the file is empty");
            }
            return node;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new BankException(file, mark == null ? 0 : mark.getLine() + 1,
                    "not valid YAML: " + e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException e) {
            throw new BankException(file, 0, "not valid YAML: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BankException(display(file), 0, "cannot read the file: " + e.getMessage());
        }
    }

    private static String display(Path file) {
        Path parent = file.getParent();
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }
}
