package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accord.bank.AnswerKey;
import org.accord.bank.Question;
import org.accord.bank.QuestionType;
import org.junit.jupiter.api.Test;

class AnswerFormTest {

    static final long SEED = 42L;
    static final Arrangement ARRANGED = new Arrangement(SEED, true);

    static Question question(QuestionType type, AnswerKey key) {
        return new Question("q-" + type.fileName(), "t", type, 1, List.of(), "Prompt?", key, "Because.", List.of("Source"));
    }

    final Question single = question(QuestionType.SINGLE,
            new AnswerKey.Choice(List.of("A", "B", "C", "D"), Set.of(2), false));
    final Question ordering = question(QuestionType.ORDERING, new AnswerKey.Ordering(List.of("first", "second", "third")));
    final Question matching = question(QuestionType.MATCHING,
            new AnswerKey.Matching(List.of("Poland", "Greece", "Spain"), List.of("1999", "1952", "1982"), List.of(0, 1, 2)));

    @Test
    void aChoiceIsSentAsItsDisplayPositionAndTranslatedBackToTheFileIndex() {
        List<Integer> shown = Shuffle.order(SEED, single.id(), "choices", 4);
        int displayOfC = shown.indexOf(2);
        Response r = AnswerForm.parse(single, ARRANGED, Map.of("choice", List.of(String.valueOf(displayOfC))));
        assertEquals(new Response.Picks(Set.of(2)), r);
    }

    @Test
    void theDisplayOrderDependsOnTheAttemptSoPositionsRevealNothingAcrossAttempts() {
        boolean differs = false;
        for (long seed = 1; seed < 20 && !differs; seed++) {
            differs = !Shuffle.order(seed, single.id(), "choices", 4).equals(Shuffle.order(SEED, single.id(), "choices", 4));
        }
        assertEquals(true, differs);
    }

    @Test
    void orderingItemsAreNeverShownInTheirCorrectOrder() {
        for (long seed = 0; seed < 200; seed++) {
            assertNotEquals(List.of(0, 1), Shuffle.order(seed, "two-items", "items", 2));
            assertNotEquals(List.of(0, 1, 2), Shuffle.order(seed, ordering.id(), "items", 3));
        }
    }

    @Test
    void missingTamperedOrOutOfRangeChoicesNameTheField() {
        InvalidAnswerException missing = assertThrows(InvalidAnswerException.class,
                () -> AnswerForm.parse(single, ARRANGED, Map.of()));
        assertEquals("choice", missing.field());
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(single, ARRANGED, Map.of("choice", List.of("4"))));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(single, ARRANGED, Map.of("choice", List.of("x"))));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(single, ARRANGED, Map.of("choice", List.of("0", "1"))));
    }

    @Test
    void positionsOfAnOrderingQuestionBecomeTheLearnersOrderOfItems() {
        List<Integer> shown = Shuffle.order(SEED, ordering.id(), "items", 3);
        Map<String, List<String>> form = new HashMap<>();
        for (int d = 0; d < 3; d++) {
            // give each shown item its correct position
            form.put("position-" + d, List.of(String.valueOf(shown.get(d) + 1)));
        }
        assertEquals(new Response.Order(List.of(0, 1, 2)), AnswerForm.parse(ordering, ARRANGED, form));
    }

    @Test
    void twoItemsInOnePositionOrAPositionOutOfRangeAreRefused() {
        InvalidAnswerException tie = assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(ordering, ARRANGED,
                Map.of("position-0", List.of("1"), "position-1", List.of("1"), "position-2", List.of("2"))));
        assertEquals("position-1", tie.field());
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(ordering, ARRANGED,
                Map.of("position-0", List.of("1"), "position-1", List.of("2"), "position-2", List.of("4"))));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(ordering, ARRANGED,
                Map.of("position-0", List.of("1"), "position-1", List.of("2"))));
    }

    @Test
    void matchingAcceptsPartialAnswersButNotAnEmptyOne() {
        List<Integer> shown = Shuffle.order(SEED, matching.id(), "rights", 3);
        Response r = AnswerForm.parse(matching, ARRANGED,
                Map.of("match-0", List.of(String.valueOf(shown.indexOf(0))), "match-1", List.of("")));
        assertEquals(new Response.Matches(List.of(0, -1, -1)), r);
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(matching, ARRANGED, Map.of("match-0", List.of(""))));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(matching, ARRANGED, Map.of("match-0", List.of("9"))));
    }

    @Test
    void numbersAreReadAsPeopleWriteThem() {
        assertEquals(new BigDecimal("1949"), AnswerForm.number(" 1949 "));
        assertEquals(new BigDecimal("1949"), AnswerForm.number("1,949"));
        assertEquals(new BigDecimal("1949"), AnswerForm.number("1 949"));
        assertEquals(new BigDecimal("0.5"), AnswerForm.number("0,5"));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.number("nineteen"));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.number("1e400"));
    }

    @Test
    void trueFalseAcceptsOnlyTrueOrFalse() {
        Question tf = question(QuestionType.TRUEFALSE, new AnswerKey.TrueFalse(true));
        assertEquals(new Response.Bool(false), AnswerForm.parse(tf, ARRANGED, Map.of("answer", List.of("false"))));
        assertThrows(InvalidAnswerException.class, () -> AnswerForm.parse(tf, ARRANGED, Map.of("answer", List.of("yes"))));
    }

    @Test
    void aTextAnswerLongerThanTheLimitIsRefused() {
        Question text = question(QuestionType.TEXT, new AnswerKey.Text(List.of("Paris")));
        assertThrows(InvalidAnswerException.class,
                () -> AnswerForm.parse(text, ARRANGED, Map.of("answer", List.of("x".repeat(AnswerForm.MAX_TEXT + 1)))));
        assertEquals(new Response.Text("Paris"), AnswerForm.parse(text, ARRANGED, Map.of("answer", List.of("  Paris "))));
    }

    @Test
    void storedResponsesReadBackAsTheSameResponse() {
        for (Response r : List.of(new Response.Picks(Set.of(3, 1)), new Response.Order(List.of(2, 0, 1)),
                new Response.Matches(List.of(1, -1, 0)), new Response.Text("Rome, 2002"), new Response.Bool(true),
                new Response.Number(new BigDecimal("12.5")))) {
            QuestionType type = r instanceof Response.Picks ? QuestionType.MULTIPLE
                    : r instanceof Response.Order ? QuestionType.ORDERING
                    : r instanceof Response.Matches ? QuestionType.MATCHING
                    : r instanceof Response.Text ? QuestionType.TEXT
                    : r instanceof Response.Bool ? QuestionType.TRUEFALSE : QuestionType.NUMERIC;
            assertEquals(r, Response.decode(type, r.encode()));
        }
    }

    @Test
    void unshuffledChoicesAreTheSameForEveryStudentButNeverSimplyTheFileOrder() {
        Arrangement ada = new Arrangement(1L, false);
        Arrangement ben = new Arrangement(2L, false);
        List<Integer> fileOrder = List.of(0, 1, 2, 3, 4, 5, 6, 7);
        int differentFromFile = 0;
        for (String id : List.of("q-a", "q-b", "q-c", "q-d")) {
            assertEquals(ada.order(id, "choices", 8), ben.order(id, "choices", 8), id);
            if (!ada.order(id, "choices", 8).equals(fileOrder)) {
                differentFromFile++;
            }
        }
        assertEquals(4, differentFromFile, "the file often lists the right answers first; its order must not show");
        assertNotEquals(ada.order("q-a", "items", 8), ben.order("q-a", "items", 8), "ordering items stay shuffled per attempt");
    }
}
