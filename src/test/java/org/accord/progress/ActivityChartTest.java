package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.accord.progress.ActivityChart.Chart;
import org.accord.progress.ActivityChart.Day;
import org.junit.jupiter.api.Test;

class ActivityChartTest {

    private static List<Day> month(long... answersOnDay) {
        List<Day> days = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 2, 1);
        for (int i = 0; i < 30; i++) {
            long n = i < answersOnDay.length ? answersOnDay[i] : 0;
            days.add(new Day(first.plusDays(i), n, n * 0.5));
        }
        return days;
    }

    @Test
    void theBusiestDayReachesTheTopAndEmptyDaysDrawNothing() {
        Chart chart = ActivityChart.of(month(4, 0, 2));
        assertEquals(2, chart.bars().size());
        assertEquals(2, chart.dots().size());
        double top = Double.parseDouble(chart.bars().get(0).y());
        assertEquals(ActivityChart.TOP, top, 0.05, "4 answers fill the scale of 4");
        assertEquals(ActivityChart.PLOT_HEIGHT / 2.0, Double.parseDouble(chart.bars().get(1).height()), 0.05);
        assertEquals("4", chart.leftTicks().get(2).label());
        assertEquals("2", chart.leftTicks().get(1).label());
    }

    @Test
    void theTableHasEveryDayWithADashWhereNothingWasAnswered() {
        Chart chart = ActivityChart.of(month(4, 0, 2));
        assertEquals(30, chart.rows().size());
        assertEquals("50%", chart.rows().get(0).accuracy());
        assertEquals("-", chart.rows().get(1).accuracy());
        assertEquals("2026-02-01", chart.rows().get(0).isoDate());
        assertEquals("Sun 1 Feb 2026", chart.rows().get(0).date());
    }

    @Test
    void theDescriptionSumsUpTheMonthInWords() {
        assertTrue(ActivityChart.of(month(4, 0, 2)).summary().startsWith("6 answers on 2 days from Sun 1 Feb 2026 to Mon 2 Mar 2026, 50% accurate overall."));
        assertTrue(ActivityChart.of(month()).summary().startsWith("No answers from"));
    }

    @Test
    void anIdleMonthStillHasAScaleWithWholeTicks() {
        Chart chart = ActivityChart.of(month());
        assertEquals(List.of("0", "1", "2"), chart.leftTicks().stream().map(ActivityChart.Tick::label).toList());
        assertEquals("", chart.line());
    }
}
