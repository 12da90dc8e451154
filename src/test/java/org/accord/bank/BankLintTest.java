package org.accord.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the real bank in questions/ on every build: a broken question file fails the build. */
class BankLintTest {

    static final Bank BANK = new BankParser().parseFolder(Path.of("questions"));

    @Test
    void theBankLoadsAndEveryTopicHasQuestions() {
        assertFalse(BANK.questions().isEmpty());
        for (Topic topic : BANK.topics()) {
            assertFalse(BANK.inTopic(topic.id()).isEmpty(), "topic " + topic.id() + " has no question");
        }
    }

    @Test
    void everyQuestionTypeIsInTheBank() {
        Set<QuestionType> types = BANK.questions().stream().map(Question::type).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(QuestionType.class), types);
    }

    @Test
    void everyQuestionCitesASourceThatIsNotOnlyASeedText() {
        for (Question q : BANK.questions()) {
            assertTrue(q.sources().stream().anyMatch(s -> !s.toLowerCase().startsWith("seed")),
                    q.id() + " cites only seed texts; add a reliable reference");
        }
    }

    @Test
    void noDistractorRepeatsTheAnswerAndNoNumericToleranceIsWiderThanTheAnswer() {
        for (Question q : BANK.questions()) {
            if (q.key() instanceof AnswerKey.Choice c) {
                assertTrue(c.correct().size() < c.choices().size(), q.id() + " has no wrong choice");
            }
            if (q.key() instanceof AnswerKey.Numeric n) {
                assertTrue(n.tolerance().compareTo(n.answer().abs()) < 0, q.id() + " has a tolerance that admits zero");
            }
        }
    }

    @Test
    void everyOrderingItemCarriesTheDateThatPlacesIt() {
        for (Question q : BANK.questions()) {
            if (q.key() instanceof AnswerKey.Ordering o) {
                assertTrue(o.dated(), q.id() + ": give every item a date, so ties and wrong orders are caught");
            }
        }
    }

    @Test
    void everyQuestionSurvivesTheTripThroughItsStoredForm() {
        QuestionCodec codec = new QuestionCodec();
        for (Question q : BANK.questions()) {
            assertEquals(q, codec.fromText(q.id(), codec.toText(q)), q.id());
        }
    }
}
