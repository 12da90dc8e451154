package org.accord.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accord.account.Learner;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.Topic;
import org.accord.quiz.Attempt;
import org.accord.review.Fsrs;
import org.accord.review.ReviewLog;
import org.accord.review.ReviewService;
import org.accord.review.ReviewState;
import org.accord.web.Zones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A learner's own figures: the dashboard, the attempt history and the exports. The dashboard reads
 * the running totals {@link Activity} keeps (a row per topic, question met, recent score and active
 * day), so it costs the same at ten answers as at ten thousand.
 */
@ApplicationScoped
public class ProgressService {

    public static final int CHART_DAYS = 30;
    public static final int HISTORY_PAGE = 50;
    public static final int MOST_MISSED = 5;

    @Inject
    EntityManager em;

    @Inject
    Zones zones;

    @Inject
    BankStore bank;

    @Inject
    ReviewService reviews;

    @Inject
    Clock clock;

    /** The dashboard as of one day: {@code endsAt} is when that day ends (UTC) and "due today" with it. */
    public record Dashboard(long answers, long questionsMet, int bankQuestions, String accuracy, int streak,
            boolean activeToday, long dueToday, long dueNextWeek, List<TopicRow> topics, ActivityChart.Chart chart,
            List<Missed> missed, Instant endsAt) {
    }

    /** A topic's row: counts, shares already formatted as percentages, and the mastery level. */
    public record TopicRow(String id, String title, long answers, String accuracy, String recentAccuracy, int covered,
            int questions, String coverage, int retained, String retainedShare, String level, String levelKey) {
    }

    public record Missed(String questionId, String prompt, long missed, long answered) {
    }

    @Transactional
    public Dashboard dashboard(Learner learner) {
        LocalDate today = reviews.today();
        Object[] totals = (Object[]) native_("select sum(answers), sum(score_sum) from learner_topic_stat where learner_id = :learner",
                learner).getSingleResult();
        long answers = number(totals[0]).longValue();
        String accuracy = answers == 0 ? "-" : ActivityChart.percent(number(totals[1]).doubleValue() / answers);
        long met = number(native_("select count(*) from learner_question_stat where learner_id = :learner", learner)
                .getSingleResult()).longValue();
        List<LocalDate> streakDays = streakDays(learner, today);
        long dueToday = reviews.countDue(learner, today);
        long dueWeek = reviews.countDue(learner, today.plusDays(7)) - dueToday;
        return new Dashboard(answers, met, bank.bank().questions().size(), accuracy, Streak.days(streakDays, today),
                streakDays.contains(today), dueToday, dueWeek, topics(learner, today), chart(learner, today), mostMissed(learner),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The active days of the run that ends today or yesterday: as many rows as the streak is long. */
    private List<LocalDate> streakDays(Learner learner, LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate after = today.plusDays(1); // the run's earliest day read so far
        int page = 64;
        while (true) {
            List<?> rows = native_("select epoch_day from learner_day where learner_id = :learner and epoch_day < :after "
                    + "order by epoch_day desc", learner).setParameter("after", after.toEpochDay()).setMaxResults(page)
                    .getResultList();
            for (Object row : rows) {
                LocalDate day = Activity.day((Number) row);
                boolean continues = day.equals(after.minusDays(1)) || (days.isEmpty() && day.equals(today.minusDays(1)));
                if (!continues) {
                    return days;
                }
                days.add(day);
                after = day;
            }
            if (rows.size() < page) {
                return days;
            }
            page = Math.min(page * 4, 4096);
        }
    }

    private List<TopicRow> topics(Learner learner, LocalDate today) {
        Map<String, Object[]> byTopic = new HashMap<>();
        for (Object row : native_("select topic, answers, score_sum from learner_topic_stat where learner_id = :learner", learner)
                .getResultList()) {
            Object[] r = (Object[]) row;
            byTopic.put((String) r[0], r);
        }
        Map<String, Double> recent = new HashMap<>();
        for (Object row : native_("select topic, avg(score) from learner_topic_recent where learner_id = :learner group by topic",
                learner).getResultList()) {
            Object[] r = (Object[]) row;
            recent.put((String) r[0], number(r[1]).doubleValue());
        }
        // One row per question met: bounded by the bank's size, not by the number of answers.
        Fsrs fsrs = ReviewService.scheduler(learner);
        Map<String, int[]> coveredAndRetained = new HashMap<>();
        for (Object row : em.createQuery("select s.questionId, s.stability, s.lastReviewAt from ReviewState s where s.learner = :learner")
                .setParameter("learner", learner).getResultList()) {
            Object[] r = (Object[]) row;
            Question q = bank.bank().question((String) r[0]).orElse(null);
            if (q == null) {
                continue;
            }
            int[] counts = coveredAndRetained.computeIfAbsent(q.topic(), t -> new int[2]);
            counts[0]++;
            long elapsed = Math.max(0, ChronoUnit.DAYS.between(ReviewService.day((Instant) r[2]), today));
            if (fsrs.retrievability(elapsed, (Double) r[1]) >= Mastery.RETAINED_AT) {
                counts[1]++;
            }
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (Topic t : bank.topics()) {
            titles.put(t.id(), t.title());
        }
        byTopic.keySet().stream().sorted().forEach(id -> titles.putIfAbsent(id, id)); // a topic since removed from the bank
        List<TopicRow> rows = new ArrayList<>();
        titles.forEach((id, title) -> {
            Object[] figures = byTopic.get(id);
            long topicAnswers = figures == null ? 0 : number(figures[1]).longValue();
            int questions = bank.bank().inTopic(id).size();
            int[] cr = coveredAndRetained.getOrDefault(id, new int[2]);
            double recentAccuracy = recent.getOrDefault(id, 0.0);
            Mastery.Figures f = new Mastery.Figures(topicAnswers, questions, cr[0], recentAccuracy, cr[1]);
            Mastery.Level level = Mastery.level(f);
            rows.add(new TopicRow(id, title, topicAnswers,
                    topicAnswers == 0 ? "-" : ActivityChart.percent(number(figures[2]).doubleValue() / topicAnswers),
                    recent.containsKey(id) ? ActivityChart.percent(recentAccuracy) : "-",
                    cr[0], questions, ActivityChart.percent(f.coverage()), cr[1], ActivityChart.percent(f.retainedShare()),
                    level.label, level.name().toLowerCase().replace('_', '-')));
        });
        return rows;
    }

    private ActivityChart.Chart chart(Learner learner, LocalDate today) {
        LocalDate first = today.minusDays(CHART_DAYS - 1);
        Map<LocalDate, Object[]> byDay = new HashMap<>();
        for (Object row : native_("select epoch_day, answers, score_sum from learner_day where learner_id = :learner "
                + "and epoch_day >= :from", learner).setParameter("from", first.toEpochDay()).getResultList()) {
            Object[] r = (Object[]) row;
            byDay.put(Activity.day((Number) r[0]), r);
        }
        List<ActivityChart.Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Object[] r = byDay.get(d);
            days.add(r == null ? new ActivityChart.Day(d, 0, 0)
                    : new ActivityChart.Day(d, number(r[1]).longValue(), number(r[2]).doubleValue()));
        }
        return ActivityChart.of(days);
    }

    private List<Missed> mostMissed(Learner learner) {
        List<Missed> missed = new ArrayList<>();
        for (Object row : native_("select question_id, missed, answers from learner_question_stat where learner_id = :learner "
                + "and missed > 0 order by missed desc, answers, question_id", learner)
                .setMaxResults(MOST_MISSED).getResultList()) {
            Object[] r = (Object[]) row;
            String id = (String) r[0];
            String prompt = bank.bank().question(id).map(Question::prompt).orElse(id + " (no longer in the bank)");
            missed.add(new Missed(id, prompt, number(r[1]).longValue(), number(r[2]).longValue()));
        }
        return missed;
    }

    /** One page of past attempts, newest first. */
    public record History(List<AttemptRow> attempts, int page, int pages, long total) {

        public boolean hasNewer() {
            return page > 1;
        }

        public boolean hasOlder() {
            return page < pages;
        }

        public int newer() {
            return page - 1;
        }

        public int older() {
            return page + 1;
        }
    }

    public record AttemptRow(String id, String title, String mode, String startedIso, String started, long answered, int total,
            String score, boolean finished, String href) {
    }

    @Transactional
    public History history(Learner learner, int requestedPage) {
        long total = Attempt.count("learner", learner);
        int pages = (int) Math.max(1, (total + HISTORY_PAGE - 1) / HISTORY_PAGE);
        int page = Math.min(Math.max(1, requestedPage), pages);
        Instant now = clock.instant();
        List<AttemptRow> rows = new ArrayList<>();
        for (Object row : em.createQuery("select a.publicId, a.title, a.mode, a.startedAt, a.finishedAt, a.deadlineAt, a.maxScore, "
                + "a.score, (select count(x) from Answer x where x.item.attempt = a), "
                + "(select coalesce(sum(x.score), 0) from Answer x where x.item.attempt = a) "
                + "from Attempt a where a.learner = :learner order by a.startedAt desc, a.id desc")
                .setParameter("learner", learner).setFirstResult((page - 1) * HISTORY_PAGE).setMaxResults(HISTORY_PAGE)
                .getResultList()) {
            Object[] r = (Object[]) row;
            String id = (String) r[0];
            Instant started = (Instant) r[3];
            Instant deadline = (Instant) r[5];
            int max = (Integer) r[6];
            // An attempt whose time ran out is over, even before anyone opened it to close it.
            boolean finished = r[4] != null || (deadline != null && !now.isBefore(deadline));
            double score = r[4] != null && r[7] != null ? (Double) r[7] : number(r[9]).doubleValue();
            rows.add(new AttemptRow(id, (String) r[1], modeLabel((String) r[2]), started.toString(), zones.format(started),
                    number(r[8]).longValue(), max, max == 0 ? "-" : ActivityChart.percent(score / max), finished,
                    finished ? "/attempts/" + id + "/result" : "/attempts/" + id));
        }
        return new History(rows, page, pages, total);
    }

    static String modeLabel(String mode) {
        return switch (mode) {
            case "practice" -> "Practice";
            case "review" -> "Review";
            case "assigned" -> "Assigned";
            default -> mode;
        };
    }

    /** The learner's review log, oldest first, as a spreadsheet opens it: UTF-8 with a byte-order mark. */
    @Transactional
    public String reviewLogCsv(Learner learner) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader("Reviewed at (UTC)", "Question id",
                "Rating", "Rating label", "Source", "Elapsed days", "Scheduled days", "Stability", "Difficulty", "Retrievability")
                .build())) {
            for (ReviewLog log : ReviewLog.<ReviewLog>list("learner = ?1 order by reviewedAt, id", learner)) {
                printer.printRecord(log.reviewedAt.toString(), log.questionId, log.rating, Fsrs.Rating.of(log.rating).label,
                        log.source, log.elapsedDays, log.scheduledDays, plain(log.stability), plain(log.difficulty),
                        plain(log.retrievability));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Everything the learner did, for them to keep or take elsewhere. */
    public record HistoryExport(String exportedAt, List<AttemptExport> attempts, List<StateExport> reviewStates,
            List<LogExport> reviewLog) {
    }

    public record AttemptExport(String id, String title, String mode, String startedAt, String finishedAt, Double score,
            int maxScore, List<ItemExport> items) {
    }

    public record ItemExport(int position, String questionId, int version, String shownAt, AnswerExport answer) {
    }

    public record AnswerExport(String response, double score, String answeredAt, Long durationMs) {
    }

    public record StateExport(String questionId, double stability, double difficulty, int reps, int lapses, int lastRating,
            String lastReviewAt, String dueOn) {
    }

    public record LogExport(String reviewedAt, String questionId, int rating, String ratingLabel, String source,
            int elapsedDays, int scheduledDays, double stability, double difficulty, double retrievability) {
    }

    @Transactional
    public HistoryExport export(Learner learner) {
        Map<Long, AnswerExport> answers = new HashMap<>();
        for (Object row : em.createQuery("select x.item.id, x.response, x.score, x.answeredAt, x.durationMs from Answer x "
                + "where x.learner = :learner").setParameter("learner", learner).getResultList()) {
            Object[] r = (Object[]) row;
            answers.put((Long) r[0], new AnswerExport((String) r[1], (Double) r[2], iso(r[3]), (Long) r[4]));
        }
        Map<Long, List<ItemExport>> items = new HashMap<>();
        for (Object row : em.createQuery("select i.attempt.id, i.id, i.position, v.questionId, v.version, i.shownAt "
                + "from AttemptItem i join i.questionVersion v where i.attempt.learner = :learner order by i.attempt.id, i.position")
                .setParameter("learner", learner).getResultList()) {
            Object[] r = (Object[]) row;
            items.computeIfAbsent((Long) r[0], k -> new ArrayList<>())
                    .add(new ItemExport((Integer) r[2], (String) r[3], (Integer) r[4], iso(r[5]), answers.get((Long) r[1])));
        }
        List<AttemptExport> attempts = Attempt.<Attempt>list("learner = ?1 order by startedAt, id", learner).stream()
                .map(a -> new AttemptExport(a.publicId, a.title, a.mode, iso(a.startedAt), iso(a.finishedAt), a.score,
                        a.maxScore, items.getOrDefault(a.id, List.of())))
                .toList();
        List<StateExport> states = ReviewState.<ReviewState>list("learner = ?1 order by questionId", learner).stream()
                .map(s -> new StateExport(s.questionId, s.stability, s.difficulty, s.reps, s.lapses, s.lastRating,
                        iso(s.lastReviewAt), s.dueOn.toString()))
                .toList();
        List<LogExport> log = ReviewLog.<ReviewLog>list("learner = ?1 order by reviewedAt, id", learner).stream()
                .map(l -> new LogExport(iso(l.reviewedAt), l.questionId, l.rating, Fsrs.Rating.of(l.rating).label, l.source,
                        l.elapsedDays, l.scheduledDays, l.stability, l.difficulty, l.retrievability))
                .toList();
        return new HistoryExport(clock.instant().toString(), attempts, states, log);
    }

    private jakarta.persistence.Query native_(String sql, Learner learner) {
        return em.createNativeQuery(sql).setParameter("learner", learner.id);
    }

    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }

    private static String iso(Object instant) {
        return instant == null ? null : instant.toString();
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
