package org.accord.progress;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the activity chart: a bar per day for the answers given, a dot per active day for
 * the day's accuracy. Pure; the template draws it as SVG from these numbers, so nothing but numbers
 * and escaped text reaches the page.
 */
public final class ActivityChart {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    static final int LEFT = 40;
    static final int RIGHT = 44;
    static final int TOP = 12;
    static final int BOTTOM = 30;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private ActivityChart() {
    }

    /** One UTC day: how many answers, and the sum of their scores (0 to 1 each). */
    public record Day(LocalDate date, long answers, double scoreSum) {

        /** Mean score of the day, or null on a day without answers. */
        public Double accuracy() {
            return answers == 0 ? null : scoreSum / answers;
        }
    }

    /** The drawn chart, and the same figures as rows for the table that stands in for it. */
    public record Chart(int width, int height, List<Bar> bars, List<Dot> dots, String line, List<Tick> leftTicks,
            List<Tick> rightTicks, List<Label> dayLabels, String plotLeft, String plotRight, String plotBottom, String plotTop,
            String summary, List<Row> rows) {
    }

    public record Bar(String x, String y, String width, String height, String tip) {
    }

    public record Dot(String cx, String cy, String tip) {
    }

    public record Tick(String y, String textY, String label) {
    }

    public record Label(String x, String label) {
    }

    /** A row of the table: the day, its answers, its accuracy ("-" when none). */
    public record Row(String isoDate, String date, long answers, String accuracy) {
    }

    public static Chart of(List<Day> days) {
        long most = days.stream().mapToLong(Day::answers).max().orElse(0);
        long scale = niceCeiling(most);
        double slot = (double) PLOT_WIDTH / Math.max(1, days.size());
        double bottom = TOP + PLOT_HEIGHT;
        List<Bar> bars = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        long total = 0;
        double scoreTotal = 0;
        int active = 0;
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            double centre = LEFT + slot * i + slot / 2;
            String when = d.date().format(LONG);
            Double accuracy = d.accuracy();
            rows.add(new Row(d.date().toString(), when, d.answers(), accuracy == null ? "-" : percent(accuracy)));
            if (d.answers() > 0) {
                double h = PLOT_HEIGHT * (double) d.answers() / scale;
                bars.add(new Bar(num(centre - slot * 0.35), num(bottom - h), num(slot * 0.7), num(h),
                        when + ": " + d.answers() + " answer" + (d.answers() == 1 ? "" : "s")));
                double cy = TOP + PLOT_HEIGHT * (1 - accuracy);
                dots.add(new Dot(num(centre), num(cy), when + ": " + percent(accuracy) + " accuracy"));
                line.append(line.length() == 0 ? "" : " ").append(num(centre)).append(',').append(num(cy));
                total += d.answers();
                scoreTotal += d.scoreSum();
                active++;
            }
            if (i == 0 || i == days.size() - 1 || (days.size() > 10 && i == days.size() / 2)) {
                labels.add(new Label(num(centre), d.date().format(SHORT)));
            }
        }
        List<Tick> left = new ArrayList<>();
        List<Tick> right = new ArrayList<>();
        for (int k = 0; k <= 2; k++) {
            double y = bottom - PLOT_HEIGHT * k / 2.0;
            left.add(new Tick(num(y), num(y + 4), String.valueOf(scale * k / 2)));
            right.add(new Tick(num(y), num(y + 4), (50 * k) + "%"));
        }
        String span = days.isEmpty() ? "" : " from " + days.get(0).date().format(LONG) + " to " + days.get(days.size() - 1).date().format(LONG);
        String summary = total == 0
                ? "No answers" + span + "."
                : total + " answer" + (total == 1 ? "" : "s") + " on " + active + " day" + (active == 1 ? "" : "s") + span
                        + ", " + percent(scoreTotal / total) + " accurate overall. Bars show answers per day; dots show each day's accuracy.";
        return new Chart(WIDTH, HEIGHT, bars, dots, line.toString(), left, right, labels, num(LEFT), num(LEFT + PLOT_WIDTH),
                num(bottom), num(TOP), summary, rows);
    }

    /** The bar scale: the most answers in a day, rounded up to an even number, at least 2, so the mid tick is whole. */
    static long niceCeiling(long most) {
        long even = most + (most % 2);
        return Math.max(2, even);
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
