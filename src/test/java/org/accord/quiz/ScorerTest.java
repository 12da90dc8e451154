package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.accord.bank.AnswerKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScorerTest {

    static final AnswerKey.Choice SINGLE = new AnswerKey.Choice(List.of("Paris", "Rome", "Madrid"), Set.of(1), false);
    static final AnswerKey.Choice MULTIPLE =
            new AnswerKey.Choice(List.of("Belgium", "Spain", "Norway", "Austria", "Iceland"), Set.of(0, 2, 4), true);

    @Nested
    class SingleChoice {
        @Test
        void theCorrectChoiceScoresOneAndAnyOtherZero() {
            assertEquals(1, Scorer.score(SINGLE, new Response.Picks(Set.of(1))));
            assertEquals(0, Scorer.score(SINGLE, new Response.Picks(Set.of(0))));
        }

        @Test
        void anEmptyAnswerScoresZero() {
            assertEquals(0, Scorer.score(SINGLE, new Response.Picks(Set.of())));
        }

        @Test
        void twoPicksOnASingleChoiceQuestionAreRefused() {
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(SINGLE, new Response.Picks(Set.of(0, 1))));
        }

        @Test
        void aChoiceOutsideTheListIsRefused() {
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(SINGLE, new Response.Picks(Set.of(3))));
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(SINGLE, new Response.Picks(Set.of(-1))));
        }
    }

    @Nested
    class MultipleResponse {
        @Test
        void allRightPicksAndNoWrongOnesScoreOne() {
            assertEquals(1, Scorer.score(MULTIPLE, new Response.Picks(Set.of(0, 2, 4))));
        }

        @Test
        void eachRightPickEarnsAShare() {
            assertEquals(2.0 / 3, Scorer.score(MULTIPLE, new Response.Picks(Set.of(0, 2))), 1e-9);
        }

        @Test
        void wrongPicksCostAsMuchAsRightOnesEarn() {
            assertEquals(1.0 / 3, Scorer.score(MULTIPLE, new Response.Picks(Set.of(0, 2, 1))), 1e-9);
        }

        @Test
        void tickingEverythingEarnsNothingBeyondTheRightShareAndNeverGoesBelowZero() {
            assertEquals(1.0 / 3, Scorer.score(MULTIPLE, new Response.Picks(Set.of(0, 1, 2, 3, 4))), 1e-9);
            assertEquals(0, Scorer.score(MULTIPLE, new Response.Picks(Set.of(1, 3))));
        }

        @Test
        void anEmptyAnswerScoresZero() {
            assertEquals(0, Scorer.score(MULTIPLE, new Response.Picks(Set.of())));
        }
    }

    @Test
    void trueFalseScoresOnlyTheRightValue() {
        AnswerKey key = new AnswerKey.TrueFalse(false);
        assertEquals(1, Scorer.score(key, new Response.Bool(false)));
        assertEquals(0, Scorer.score(key, new Response.Bool(true)));
    }

    @Nested
    class Numeric {
        final AnswerKey exact = new AnswerKey.Numeric(new BigDecimal("1949"), BigDecimal.ZERO, "");
        final AnswerKey loose = new AnswerKey.Numeric(new BigDecimal("1340"), new BigDecimal("50"), "km");

        @Test
        void anExactKeyAcceptsOnlyTheNumber() {
            assertEquals(1, Scorer.score(exact, new Response.Number(new BigDecimal("1949.0"))));
            assertEquals(0, Scorer.score(exact, new Response.Number(new BigDecimal("1948"))));
        }

        @Test
        void theToleranceIsInclusiveOnBothSides() {
            assertEquals(1, Scorer.score(loose, new Response.Number(new BigDecimal("1290"))));
            assertEquals(1, Scorer.score(loose, new Response.Number(new BigDecimal("1390"))));
            assertEquals(0, Scorer.score(loose, new Response.Number(new BigDecimal("1390.5"))));
            assertEquals(0, Scorer.score(loose, new Response.Number(new BigDecimal("1289"))));
        }
    }

    @Nested
    class Ordering {
        final AnswerKey.Ordering key = new AnswerKey.Ordering(List.of("1949", "1952", "1955", "1982"));

        @Test
        void theCorrectOrderScoresOne() {
            assertEquals(1, Scorer.score(key, new Response.Order(List.of(0, 1, 2, 3))));
        }

        @Test
        void theReverseOrderScoresZero() {
            assertEquals(0, Scorer.score(key, new Response.Order(List.of(3, 2, 1, 0))));
        }

        @Test
        void oneSwapOfNeighboursLosesOneOfSixPairs() {
            assertEquals(5.0 / 6, Scorer.score(key, new Response.Order(List.of(1, 0, 2, 3))), 1e-9);
        }

        @Test
        void anEmptyAnswerScoresZero() {
            assertEquals(0, Scorer.score(key, new Response.Order(List.of())));
        }

        @Test
        void repeatedMissingOrUnknownItemsAreRefused() {
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(key, new Response.Order(List.of(0, 0, 1, 2))));
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(key, new Response.Order(List.of(0, 1, 2))));
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(key, new Response.Order(List.of(0, 1, 2, 4))));
        }
    }

    @Nested
    class Matching {
        // Belgium -> 1949, Greece -> 1952, Turkey -> 1952
        final AnswerKey.Matching key =
                new AnswerKey.Matching(List.of("Belgium", "Greece", "Turkey"), List.of("1949", "1952"), List.of(0, 1, 1));

        @Test
        void everyPairRightScoresOne() {
            assertEquals(1, Scorer.score(key, new Response.Matches(List.of(0, 1, 1))));
        }

        @Test
        void eachPairEarnsItsShareAndAMissingMatchEarnsNothing() {
            assertEquals(2.0 / 3, Scorer.score(key, new Response.Matches(List.of(0, 0, 1))), 1e-9);
            assertEquals(1.0 / 3, Scorer.score(key, new Response.Matches(List.of(0, -1, -1))), 1e-9);
        }

        @Test
        void anEmptyAnswerScoresZero() {
            assertEquals(0, Scorer.score(key, new Response.Matches(List.of())));
        }

        @Test
        void aMatchOutsideTheOptionsOrTheWrongNumberOfMatchesIsRefused() {
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(key, new Response.Matches(List.of(0, 1, 2))));
            assertThrows(InvalidAnswerException.class, () -> Scorer.score(key, new Response.Matches(List.of(0, 1))));
        }
    }

    @Nested
    class Text {
        final AnswerKey key = new AnswerKey.Text(List.of("Washington, D.C.", "Washington"));

        @Test
        void caseAccentsPunctuationAndSpacingDoNotMatter() {
            assertEquals(1, Scorer.score(key, new Response.Text("  washington   dc ")));
            assertEquals(1, Scorer.score(key, new Response.Text("WASHINGTON")));
            assertEquals(1, Scorer.score(new AnswerKey.Text(List.of("Pratica di Mare")), new Response.Text("pràtica di mare")));
        }

        @Test
        void anotherPlaceOrAnEmptyAnswerScoresZero() {
            assertEquals(0, Scorer.score(key, new Response.Text("Paris")));
            assertEquals(0, Scorer.score(key, new Response.Text("   ")));
        }
    }

    @Test
    void aResponseOfTheWrongKindIsRefused() {
        assertThrows(InvalidAnswerException.class, () -> Scorer.score(SINGLE, new Response.Text("Rome")));
    }
}
