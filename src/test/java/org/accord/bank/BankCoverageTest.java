package org.accord.bank;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bank keeps the breadth it was built to: a topic or a question type cannot quietly shrink. */
class BankCoverageTest {

    static final Bank BANK = BankLintTest.BANK;

    static final Map<String, Integer> TOPIC_MINIMUMS = Map.of(
            "founders", 25,
            "membership", 60,
            "overtures-1990s", 25,
            "founding-act", 25,
            "council-2002", 25,
            "crises", 40,
            "people-principles", 20,
            "claims-evidence", 10);

    @Test
    void everyTopicHoldsAtLeastItsMinimum() {
        Map<String, Long> counts = BANK.questions().stream().collect(Collectors.groupingBy(Question::topic, Collectors.counting()));
        TOPIC_MINIMUMS.forEach((topic, minimum) -> assertTrue(counts.getOrDefault(topic, 0L) >= minimum,
                topic + " has " + counts.getOrDefault(topic, 0L) + " questions; it needs at least " + minimum));
    }

    @Test
    void everyTypeAppearsTenTimesAndOrderingAndMatchingTwenty() {
        Map<QuestionType, Long> counts = BANK.questions().stream().collect(Collectors.groupingBy(Question::type, Collectors.counting()));
        for (QuestionType type : QuestionType.values()) {
            long minimum = type == QuestionType.ORDERING || type == QuestionType.MATCHING ? 20 : 10;
            assertTrue(counts.getOrDefault(type, 0L) >= minimum, type + " appears " + counts.getOrDefault(type, 0L) + " times");
        }
    }

    @Test
    void difficultyIsMostlyEasyAndMediumWithAFifthHard() {
        Map<Integer, Long> counts = BANK.questions().stream().collect(Collectors.groupingBy(Question::difficulty, Collectors.counting()));
        double total = BANK.questions().size();
        Function<Integer, Double> share = d -> counts.getOrDefault(d, 0L) / total;
        assertTrue(share.apply(1) >= 0.3 && share.apply(1) <= 0.5, "easy share " + share.apply(1));
        assertTrue(share.apply(2) >= 0.3 && share.apply(2) <= 0.5, "medium share " + share.apply(2));
        assertTrue(share.apply(3) >= 0.1 && share.apply(3) <= 0.3, "hard share " + share.apply(3));
    }

    @Test
    void everyMemberStateOfTheAllianceIsAskedAbout() {
        // the 32 members as of March 2024; each name must occur in at least one membership question
        String[] members = {"Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czech", "Denmark", "Estonia", "Finland",
            "France", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Montenegro",
            "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain",
            "Sweden", "Turkey|Türkiye", "United Kingdom", "United States"};
        String membership = BANK.inTopic("membership").stream().map(new QuestionCodec()::toText).collect(Collectors.joining("\n"));
        for (String member : members) {
            boolean found = false;
            for (String name : member.split("\\|")) {
                found |= membership.contains(name);
            }
            assertTrue(found, member + " appears in no membership question");
        }
    }
}
