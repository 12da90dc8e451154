package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreakTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private static LocalDate ago(int days) {
        return TODAY.minusDays(days);
    }

    @Test
    void noActivityIsNoStreak() {
        assertEquals(0, Streak.days(List.of(), TODAY));
    }

    @Test
    void consecutiveDaysEndingTodayCountIncludingToday() {
        assertEquals(3, Streak.days(List.of(ago(0), ago(1), ago(2), ago(4)), TODAY));
    }

    @Test
    void aStreakSurvivesUntilTheEndOfTodayWithoutActivityToday() {
        assertEquals(2, Streak.days(List.of(ago(1), ago(2)), TODAY));
    }

    @Test
    void aWholeDayWithoutActivityEndsTheStreak() {
        assertEquals(0, Streak.days(List.of(ago(2), ago(3), ago(4)), TODAY));
    }

    @Test
    void repeatedAndUnorderedDaysCountOnce() {
        assertEquals(2, Streak.days(List.of(ago(1), ago(0), ago(1), ago(0)), TODAY));
    }

    @Test
    void aStreakCrossesMonthAndYearEnds() {
        LocalDate newYear = LocalDate.of(2026, 1, 1);
        assertEquals(3, Streak.days(List.of(newYear, newYear.minusDays(1), newYear.minusDays(2)), newYear));
    }
}
