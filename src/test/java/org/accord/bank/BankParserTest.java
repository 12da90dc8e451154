package org.accord.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankParserTest {

    final BankParser parser = new BankParser();

    static final String GOOD = """
            topic: founders
            questions:
              - id: founders-signing-city
                type: text
                difficulty: 1
                tags: [treaty]
                prompt: In which city was the North Atlantic Treaty signed?
                answer: Washington, D.C.
                accept: [Washington]
                explanation: It was signed on 4 April 1949.
                sources: [NATO official text]
              - id: founders-matching
                type: matching
                difficulty: 2
                prompt: Match each state to the year it joined.
                pairs:
                  Greece: 1952
                  Turkey: 1952
                  Spain: 1982
                explanation: Greece and Turkey joined together.
                sources:
                  - NATO member countries
            """;

    List<BankParser.Located> parse(String text) {
        return parser.parseQuestionFile("questions/founders.yaml", text, Set.of("founders"));
    }

    BankException failure(String text) {
        return assertThrows(BankException.class, () -> parse(text));
    }

    @Test
    void readsQuestionsWithTheLineEachStartsOn() {
        List<BankParser.Located> questions = parse(GOOD);
        assertEquals(2, questions.size());
        assertEquals(3, questions.get(0).line());
        Question text = questions.get(0).question();
        assertEquals("founders", text.topic());
        assertEquals(List.of("Washington, D.C.", "Washington"), ((AnswerKey.Text) text.key()).accepted());
        AnswerKey.Matching matching = (AnswerKey.Matching) questions.get(1).question().key();
        assertEquals(List.of("Greece", "Turkey", "Spain"), matching.lefts());
        assertEquals(List.of("1952", "1982"), matching.rights());
        assertEquals(List.of(0, 0, 1), matching.answers());
    }

    @Test
    void anAnswerThatIsNotAmongTheChoicesNamesFileLineAndProblem() {
        BankException e = failure("""
                topic: founders
                questions:
                  - id: founders-date
                    type: single
                    difficulty: 1
                    prompt: When?
                    choices: [1948, 1949, 1950]
                    answer: 1951
                    explanation: x
                    sources: [y]
                """);
        assertEquals("questions/founders.yaml", e.file());
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("'1951' is not one of the choices"), e.getMessage());
        assertTrue(e.getMessage().contains("founders-date"), e.getMessage());
    }

    @Test
    void aMissingSourceIsReportedAtTheQuestion() {
        BankException e = failure("""
                topic: founders
                questions:
                  - id: founders-tf
                    type: truefalse
                    difficulty: 1
                    prompt: Iceland was a founder.
                    answer: true
                    explanation: It was.
                """);
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("missing 'sources'"), e.getMessage());
    }

    @Test
    void aMisspelledKeyIsNamed() {
        BankException e = failure(GOOD.replace("accept:", "acept:"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().endsWith("unknown key 'acept'; expected one of id, type, difficulty, tags, prompt, explanation, "
                + "sources, answer, accept"), e.getMessage());
    }

    @Test
    void brokenYamlGivesTheLineOfTheProblem() {
        BankException e = failure(GOOD.replace("    difficulty: 2", "   difficulty: 2"));
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        BankException e = failure(GOOD.replace("type: text", "type: essay"));
        assertTrue(e.getMessage().contains("unknown type 'essay'; expected one of single, multiple"), e.getMessage());
    }

    @Test
    void aDifficultyOutOfRangeOrATopicNotListedIsRefused() {
        assertTrue(failure(GOOD.replace("difficulty: 1", "difficulty: 4")).getMessage().contains("from 1 to 3"));
        assertTrue(failure(GOOD.replace("topic: founders", "topic: space")).getMessage().contains("not listed in topics.yaml"));
    }

    @Test
    void duplicateChoicesAndNegativeTolerancesAreRefused() {
        assertTrue(failure("""
                topic: founders
                questions:
                  - {id: a, type: single, difficulty: 1, prompt: p, choices: [x, x], answer: x, explanation: e, sources: [s]}
                """).getMessage().contains("'x' appears twice in 'choices'"));
        assertTrue(failure("""
                topic: founders
                questions:
                  - {id: a, type: numeric, difficulty: 1, prompt: p, answer: 12, tolerance: -1, explanation: e, sources: [s]}
                """).getMessage().contains("cannot be negative"));
    }

    @Test
    void numericAnswersKeepTheirValue() {
        Question q = parse("""
                topic: founders
                questions:
                  - {id: a, type: numeric, difficulty: 2, prompt: p, answer: 12, unit: states, explanation: e, sources: [s]}
                """).get(0).question();
        assertEquals(new AnswerKey.Numeric(new BigDecimal("12"), BigDecimal.ZERO, "states"), q.key());
    }

    @Test
    void aFolderWithADuplicateIdAcrossFilesNamesBothPlaces(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: founders, title: Founders}\n");
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("In which city", "In what city"));
        BankException e = assertThrows(BankException.class, () -> parser.parseFolder(dir));
        assertTrue(e.getMessage().startsWith(dir.getFileName() + "/b.yaml:3: question id 'founders-signing-city' is already used at "
                + dir.getFileName() + "/a.yaml:3"), e.getMessage());
    }

    @Test
    void theSamePromptTwiceIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: founders, title: Founders}\n");
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("founders-signing-city", "other").replace("founders-matching", "other-2"));
        BankException e = assertThrows(BankException.class, () -> parser.parseFolder(dir));
        assertTrue(e.getMessage().contains("has the same prompt"), e.getMessage());
    }

    @Test
    void aFolderWithoutATopicsFileSaysSo(@TempDir Path dir) {
        BankException e = assertThrows(BankException.class, () -> parser.parseFolder(dir));
        assertTrue(e.getMessage().contains("topics.yaml"), e.getMessage());
    }

    static String ordering(String items) {
        return """
                topic: founders
                questions:
                  - id: founders-order
                    type: ordering
                    difficulty: 2
                    prompt: Put these in order.
                    items:
                """ + items + """
                    explanation: e
                    sources: [s]
                """;
    }

    @Test
    void datedOrderingItemsReadWithTheirDates() {
        AnswerKey.Ordering key = (AnswerKey.Ordering) parse(ordering("""
                      - {text: Greece and Turkey join, date: 1952-02-18}
                      - {text: West Germany joins, date: 1955-05}
                      - {text: Spain joins, date: 1982}
                """)).get(0).question().key();
        assertEquals(List.of("Greece and Turkey join", "West Germany joins", "Spain joins"), key.items());
        assertEquals(List.of("1952-02-18", "1955-05", "1982"), key.dates());
        assertTrue(key.dated());
    }

    @Test
    void orderingItemsThatTieOrRunBackwardsAreRefused() {
        BankException tie = failure(ordering("""
                      - {text: Poland joins, date: 1999}
                      - {text: Hungary joins, date: 1999-03-12}
                """));
        assertEquals(9, tie.line());
        assertTrue(tie.getMessage().contains("'Hungary joins' (1999-03-12) ties with the item before it (1999)"), tie.getMessage());
        BankException backwards = failure(ordering("""
                      - {text: Spain joins, date: 1982-05-30}
                      - {text: Greece joins, date: 1952-02-18}
                """));
        assertTrue(backwards.getMessage().contains("is dated before the item above it"), backwards.getMessage());
        assertTrue(failure(ordering("""
                      - {text: Spain joins, date: 30 May 1982}
                      - {text: Greece joins, date: 1983}
                """)).getMessage().contains("must be YYYY, YYYY-MM or YYYY-MM-DD"));
    }

    @Test
    void aNumericDistractorInsideTheToleranceIsRefused() {
        BankException e = failure("""
                topic: founders
                questions:
                  - {id: a, type: numeric, difficulty: 1, prompt: p, answer: 1340, tolerance: 50, distractors: [1200, 1300],
                     explanation: e, sources: [s]}
                """);
        assertTrue(e.getMessage().contains("distractor 1300 is within the tolerance of the answer"), e.getMessage());
    }

    @Test
    void choicesThatDifferOnlyInCaseOrPunctuationAreRefused() {
        BankException e = failure("""
                topic: founders
                questions:
                  - {id: a, type: single, difficulty: 1, prompt: p, choices: [Washington D.C., 'washington, dc', Paris],
                     answer: Paris, explanation: e, sources: [s]}
                """);
        assertTrue(e.getMessage().contains("choices 'Washington D.C.' and 'washington, dc' read the same"), e.getMessage());
    }

    @Test
    void aSetNamingAQuestionNotInTheBankIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: founders, title: Founders}\n");
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("sets.yaml"), """
                sets:
                  - id: basics
                    title: Basics
                    questions: [founders-signing-city, founders-nowhere]
                """);
        BankException e = assertThrows(BankException.class, () -> parser.parseFolder(dir));
        assertTrue(e.getMessage().startsWith(dir.getFileName() + "/sets.yaml:4: question set 'basics': names question 'founders-nowhere'"),
                e.getMessage());
        Files.writeString(dir.resolve("sets.yaml"), "sets:\n  - {id: basics, title: Basics, questions: [founders-matching]}\n");
        Bank bank = parser.parseFolder(dir);
        assertEquals(List.of("founders-matching"), bank.set("basics").orElseThrow().questionIds());
    }
}
