package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.Topic;
import org.accord.quiz.AttemptKeys;
import org.accord.review.ReviewState;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgressPagesTest {

    private static final String FOUNDERS = "the-founders";
    private static final String ENLARGEMENT = "enlargement-waves";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** One answer the test gave, to work out what the dashboard should say. */
    record Given(String questionId, String topic, double score, LocalDate day) {
    }

    /** What the seeded learner did, attempt by attempt. */
    record Seeded(WebSession session, LocalDate today, List<Given> answers, List<String> attempts) {
    }

    /** Moves the app's clock to noon UTC of the next day, so that a few seconds of test never cross midnight. */
    private LocalDate startAtNoon() {
        Instant now = clock.instant();
        Instant noon = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36));
        clock.advance(Duration.between(now, noon));
        return noon.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String startSet(WebSession s, String setId) {
        Response r = s.post("/", "/practice", Map.of("set", List.of(setId)));
        assertEquals(303, r.statusCode(), r.asString());
        return r.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
    }

    /** Answers question n right or, for a question with a single right answer, wrong (scoring nothing). */
    private Given answer(WebSession s, String attempt, int n, boolean miss, LocalDate day) {
        AttemptKeys.Slot slot = AttemptKeys.slot(bank, attempt, n);
        Question q = slot.question();
        Map<String, List<String>> form = miss ? AttemptKeys.wrongForm(slot)
                .orElseThrow(() -> new AssertionError("the test misses only questions with one right answer, not " + q.id()))
                : AttemptKeys.correctForm(slot);
        // The CSRF token comes from the home page, so the question is answered without being shown first.
        Response r = s.post("/", "/attempts/" + attempt + "/questions/" + n, form);
        assertEquals(303, r.statusCode(), r.asString());
        return new Given(q.id(), q.topic(), miss ? 0 : 1, day);
    }

    /**
     * Three days of practice for a new learner: day 1 the whole founders set with the first two questions missed;
     * day 2 nothing; day 3 two questions of the enlargement set (the second missed), then finished early; day 4
     * (today) three questions of the founders set again, the first missed again, left unfinished.
     */
    private Seeded seed() {
        LocalDate day1 = startAtNoon();
        WebSession s = new WebSession();
        s.signUp("Pat Progress", "learner");
        List<Given> given = new ArrayList<>();
        List<String> attempts = new ArrayList<>();

        String first = startSet(s, FOUNDERS);
        attempts.add(first);
        int size = bank.bank().set(FOUNDERS).orElseThrow().questionIds().size();
        for (int n = 1; n <= size; n++) {
            given.add(answer(s, first, n, n <= 2, day1));
        }

        clock.advance(Duration.ofDays(2));
        String second = startSet(s, ENLARGEMENT);
        attempts.add(second);
        given.add(answer(s, second, 1, false, day1.plusDays(2)));
        given.add(answer(s, second, 2, true, day1.plusDays(2)));
        assertEquals(303, s.post("/", "/attempts/" + second + "/finish", Map.of()).statusCode());

        clock.advance(Duration.ofDays(1));
        String third = startSet(s, FOUNDERS);
        attempts.add(third);
        for (int n = 1; n <= 3; n++) {
            given.add(answer(s, third, n, n == 1, day1.plusDays(3)));
        }
        return new Seeded(s, day1.plusDays(3), given, attempts);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String percentOf(List<Given> answers) {
        return answers.isEmpty() ? "-" : percent(answers.stream().mapToDouble(Given::score).average().orElseThrow());
    }

    @Test
    void theDashboardShowsEveryFigureOfTheLearnersOwnPractice() {
        Seeded seeded = seed();
        List<Given> given = seeded.answers();
        LocalDate today = seeded.today();
        Document page = seeded.session().page("/progress");

        assertEquals("Your progress", page.selectFirst("h1").text());
        long met = given.stream().map(Given::questionId).distinct().count();
        assertEquals(met + " of " + bank.bank().questions().size(), page.selectFirst("#questions-met").text());
        assertEquals(String.valueOf(given.size()), page.selectFirst("#answers-total").text());
        assertEquals(percentOf(given), page.selectFirst("#accuracy").text());
        assertEquals("73%", page.selectFirst("#accuracy").text(), "11 of 15 answers right");
        assertEquals("2 days", page.selectFirst("#streak").text(), "yesterday and today; the day before that was idle");
        assertTrue(page.select("#streak-hint").isEmpty(), "no reminder once today counts");

        // Due counts as the scheduler left them: due today includes the overdue; the week excludes today's.
        long[] due = QuarkusTransaction.requiringNew().call(() -> {
            List<ReviewState> states = ReviewState.list("learner.id = (select a.learner.id from Attempt a where a.publicId = ?1)",
                    seeded.attempts().get(0));
            return new long[] {states.stream().filter(st -> !st.dueOn.isAfter(today)).count(),
                    states.stream().filter(st -> st.dueOn.isAfter(today) && !st.dueOn.isAfter(today.plusDays(7))).count()};
        });
        assertTrue(due[0] >= 8, "7 founders questions answered right three days ago and the missed enlargement one are due: " + due[0]);
        assertEquals(String.valueOf(due[0]), page.selectFirst("#due-today").text());
        assertEquals(String.valueOf(due[1]), page.selectFirst("#due-week").text());
        assertEquals("/review", page.selectFirst("a:containsOwn(Review now)").attr("href"));
        assertNotNull(page.selectFirst("a[href=/flashcards]"));

        // Topics: every topic of the bank, in the bank's order.
        List<Element> rows = page.select("#topics tbody tr");
        assertEquals(bank.topics().stream().map(Topic::id).toList(), rows.stream().map(r -> r.attr("data-topic")).toList());
        Map<String, List<Given>> byTopic = given.stream().collect(Collectors.groupingBy(Given::topic));
        Map<String, String> levels = new HashMap<>();
        Map<String, Integer> retained = new HashMap<>();
        for (Element row : rows) {
            String topic = row.attr("data-topic");
            List<Given> in = byTopic.getOrDefault(topic, List.of());
            int questions = bank.bank().inTopic(topic).size();
            long covered = in.stream().map(Given::questionId).distinct().count();
            assertEquals(String.valueOf(in.size()), row.selectFirst(".answers").text(), topic);
            assertEquals(percentOf(in), row.selectFirst(".accuracy").text(), topic);
            assertEquals(percentOf(in), row.selectFirst(".recent").text(), topic + ": fewer than 20 answers, all recent");
            assertEquals(covered + " of " + questions + " (" + percent((double) covered / questions) + ")",
                    row.selectFirst(".coverage").text(), topic);
            levels.put(topic, row.selectFirst(".mastery").text());
            String recalled = row.selectFirst(".retained").text();
            retained.put(topic, Integer.parseInt(recalled.substring(0, recalled.indexOf(' '))));
            assertTrue(recalled.endsWith(" of " + questions + " (" + percent(retained.get(topic) / (double) questions) + ")"), recalled);
        }
        // founders: 10 of 28 met (36%), 10 of 13 right (77%), so Familiar; the three answered today are recalled for sure,
        // the seven answered right three days ago have passed their 90% point (a first "Good" holds about 2.3 days).
        assertEquals("Familiar", levels.get("founders"));
        assertEquals(3, retained.get("founders"));
        // membership: 2 of 62 met; the one answered right yesterday is recalled, the one missed yesterday is not.
        assertEquals("Learning", levels.get("membership"));
        assertEquals(1, retained.get("membership"));
        levels.entrySet().stream().filter(e -> !byTopic.containsKey(e.getKey()))
                .forEach(e -> assertEquals("Not started", e.getValue(), e.getKey()));
        assertTrue(page.selectFirst("#levels").text().contains("at least 30% of the questions"), "the levels are explained");

        // Most often missed: the first founders question twice of twice, then the other misses once each.
        List<String> missedIds = page.select("#missed li").eachAttr("data-question");
        String signing = bank.bank().set(FOUNDERS).orElseThrow().questionIds().get(0);
        String city = bank.bank().set(FOUNDERS).orElseThrow().questionIds().get(1);
        String year = bank.bank().set(ENLARGEMENT).orElseThrow().questionIds().get(1);
        assertEquals(List.of(signing, year, city), missedIds, "most misses first, then the fewest answers");
        Element top = page.selectFirst("#missed li");
        assertEquals(bank.bank().question(signing).orElseThrow().prompt(), top.selectFirst(".prompt-text").text());
        assertEquals("missed 2 of 2 times", top.selectFirst(".meta").text());
        assertEquals("missed 1 of 1 time", page.select("#missed li").get(1).selectFirst(".meta").text());
        assertEquals("missed 1 of 2 times", page.select("#missed li").get(2).selectFirst(".meta").text());

        // The chart and its table: 30 days ending today, a bar and a dot for each of the three active days.
        Element svg = page.selectFirst("figure.chart svg[role=img]");
        assertNotNull(svg);
        assertEquals("Answers and accuracy per day, last 30 days", svg.selectFirst("title").text());
        assertTrue(svg.selectFirst("desc").text().startsWith("15 answers on 3 days from"), svg.selectFirst("desc").text());
        assertEquals(3, svg.select("rect.answers").size());
        assertEquals(3, svg.select("circle.accuracy").size());
        List<Element> days = page.select("#activity tbody tr");
        assertEquals(30, days.size());
        Map<LocalDate, List<Given>> byDay = given.stream().collect(Collectors.groupingBy(Given::day));
        for (int i = 0; i < 30; i++) {
            LocalDate d = today.minusDays(29 - i);
            Element row = days.get(i);
            List<Given> on = byDay.getOrDefault(d, List.of());
            assertEquals(d.toString(), row.attr("data-date"));
            assertEquals(d.format(DAY), row.selectFirst("th[scope=row]").text());
            assertEquals(String.valueOf(on.size()), row.select("td").get(0).text(), d.toString());
            assertEquals(percentOf(on), row.select("td").get(1).text(), d.toString());
        }
        assertEquals(List.of("10", "0", "2", "3"), days.subList(26, 30).stream().map(r -> r.select("td").get(0).text()).toList());
        assertEquals(List.of("80%", "-", "50%", "67%"), days.subList(26, 30).stream().map(r -> r.select("td").get(1).text()).toList());
    }

    @Test
    void anotherLearnerSeesNoneOfItAndAnonymousVisitorsAreSentToLogIn() throws IOException {
        seed();
        WebSession other = new WebSession();
        other.signUp("Other Person", "learner");
        Document page = other.page("/progress");
        assertEquals("0", page.selectFirst("#answers-total").text());
        assertEquals("0 of " + bank.bank().questions().size(), page.selectFirst("#questions-met").text());
        assertEquals("-", page.selectFirst("#accuracy").text());
        assertEquals("0 days", page.selectFirst("#streak").text());
        assertEquals("0", page.selectFirst("#due-today").text());
        assertEquals("0", page.selectFirst("#due-week").text());
        assertNotNull(page.selectFirst("#missed-none"));
        assertTrue(page.select("#topics .mastery").eachText().stream().allMatch("Not started"::equals));
        assertTrue(page.select("#activity tbody td:eq(1)").eachText().stream().allMatch("0"::equals));
        assertNotNull(other.page("/history").selectFirst("#empty"));
        assertEquals(1, csv(other).size(), "only the header");
        JsonNode json = json(other);
        assertEquals(0, json.get("attempts").size());
        assertEquals(0, json.get("reviewLog").size());

        WebSession anonymous = new WebSession();
        for (String path : List.of("/progress", "/history", "/progress/review-log.csv", "/progress/history.json")) {
            Response r = anonymous.request().get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.header("Location").endsWith("/login?next=" + path.replace("/", "%2F")), r.header("Location"));
        }
    }

    @Test
    void theHistoryListsEveryAttemptNewestFirstWithLinksThatOpenThem() {
        Seeded seeded = seed();
        WebSession s = seeded.session();
        Document page = s.page("/history");
        List<Element> rows = page.select("#history tbody tr");
        List<String> newestFirst = new ArrayList<>(seeded.attempts());
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, rows.stream().map(r -> r.attr("data-attempt")).toList());
        int founders = bank.bank().set(FOUNDERS).orElseThrow().questionIds().size();
        int enlargement = bank.bank().set(ENLARGEMENT).orElseThrow().questionIds().size();

        Element resumed = rows.get(0);
        assertEquals("The founders", resumed.selectFirst("th a").text());
        assertEquals("Practice", resumed.selectFirst(".mode").text());
        assertEquals("3 of " + founders, resumed.selectFirst(".answered").text());
        assertEquals(percent(2.0 / founders), resumed.selectFirst(".score").text());
        assertEquals("In progress", resumed.selectFirst(".status").text());
        String resume = resumed.selectFirst("th a").attr("href");
        assertEquals("/attempts/" + newestFirst.get(0), resume);
        Response r = s.request().get(resume);
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/questions/4"), "resumes at the first unanswered question");

        assertEquals("2 of " + enlargement, rows.get(1).selectFirst(".answered").text());
        assertEquals(percent(1.0 / enlargement), rows.get(1).selectFirst(".score").text());
        assertEquals("Finished", rows.get(1).selectFirst(".status").text());
        assertEquals(founders + " of " + founders, rows.get(2).selectFirst(".answered").text());
        assertEquals("80%", rows.get(2).selectFirst(".score").text());
        for (Element row : rows.subList(1, 3)) {
            String href = row.selectFirst("th a").attr("href");
            assertEquals("/attempts/" + row.attr("data-attempt") + "/result", href);
            assertEquals("Your results", s.page(href).selectFirst("h1").text());
        }
        assertTrue(page.select("nav.pager").isEmpty(), "one page needs no pager");
    }

    @Test
    void aLongHistoryIsSplitIntoPagesOfFifty() {
        WebSession s = new WebSession();
        s.signUp("Many Quizzes", "learner");
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            clock.advance(Duration.ofSeconds(1)); // distinct start times
            started.add(startSet(s, FOUNDERS));
        }
        Document first = s.page("/history");
        assertEquals(50, first.select("#history tbody tr").size());
        assertEquals(started.get(50), first.selectFirst("#history tbody tr").attr("data-attempt"));
        assertEquals("Page 1 of 2", first.selectFirst("#page-of").text());
        assertTrue(first.select("a[rel=prev]").isEmpty());
        Document second = s.page(first.selectFirst("a[rel=next]").attr("href"));
        assertEquals(List.of(started.get(0)), second.select("#history tbody tr").eachAttr("data-attempt"));
        assertEquals("/history?page=1", second.selectFirst("a[rel=prev]").attr("href"));
        assertEquals("Page 2 of 2", s.page("/history?page=9").selectFirst("#page-of").text(), "past the end shows the last page");
    }

    @Test
    void theReviewLogDownloadsAsACsvWithARowPerAnswer() throws IOException {
        Seeded seeded = seed();
        Response r = seeded.session().request().get("/progress/review-log.csv");
        assertEquals(200, r.statusCode());
        assertEquals("attachment; filename=\"accord-review-log.csv\"", r.header("Content-Disposition"));
        assertTrue(r.contentType().startsWith("text/csv"));
        List<CSVRecord> records = csv(seeded.session());
        assertEquals(List.of("Reviewed at (UTC)", "Question id", "Rating", "Rating label", "Source", "Elapsed days",
                "Scheduled days", "Stability", "Difficulty", "Retrievability"), records.get(0).toList());
        List<CSVRecord> data = records.subList(1, records.size());
        List<Given> given = seeded.answers();
        assertEquals(given.size(), data.size());
        for (int i = 0; i < given.size(); i++) {
            CSVRecord row = data.get(i);
            Given g = given.get(i);
            assertEquals(g.questionId(), row.get(1));
            assertEquals(g.day(), Instant.parse(row.get(0)).atZone(ZoneOffset.UTC).toLocalDate());
            // Answered without being shown first, so no time is known: right is Good, a miss is Again.
            assertEquals(g.score() == 1 ? List.of("3", "Good") : List.of("1", "Again"), List.of(row.get(2), row.get(3)));
            assertEquals("quiz", row.get(4));
            assertTrue(Double.parseDouble(row.get(7)) > 0 && Double.parseDouble(row.get(9)) <= 1, row.toString());
        }
        CSVRecord again = data.get(given.size() - 3);
        assertEquals("3", again.get(5), "the first founders question came back after three days");
    }

    @Test
    void theWholeHistoryDownloadsAsJsonWithAttemptsAnswersStatesAndLog() throws IOException {
        Seeded seeded = seed();
        Response r = seeded.session().request().get("/progress/history.json");
        assertEquals(200, r.statusCode());
        assertEquals("attachment; filename=\"accord-history.json\"", r.header("Content-Disposition"));
        JsonNode json = json(seeded.session());
        JsonNode attempts = json.get("attempts");
        assertEquals(seeded.attempts(), java.util.stream.StreamSupport.stream(attempts.spliterator(), false)
                .map(a -> a.get("id").asText()).toList(), "oldest first");
        List<Given> answered = new ArrayList<>();
        for (JsonNode attempt : attempts) {
            for (JsonNode item : attempt.get("items")) {
                JsonNode a = item.get("answer");
                if (!a.isNull()) {
                    assertTrue(item.get("version").asInt() >= 1);
                    assertFalse(a.get("response").asText().isEmpty());
                    answered.add(new Given(item.get("questionId").asText(), "", a.get("score").asDouble(),
                            Instant.parse(a.get("answeredAt").asText()).atZone(ZoneOffset.UTC).toLocalDate()));
                }
            }
        }
        assertEquals(seeded.answers().stream().map(g -> new Given(g.questionId(), "", g.score(), g.day())).toList(), answered);
        assertEquals(bank.bank().set(FOUNDERS).orElseThrow().questionIds().size(), attempts.get(2).get("items").size(),
                "an unfinished attempt lists its unanswered items too");
        assertTrue(attempts.get(2).get("finishedAt").isNull());
        assertEquals(seeded.answers().stream().map(Given::questionId).distinct().count(), json.get("reviewStates").size());
        assertEquals(seeded.answers().size(), json.get("reviewLog").size());
        assertEquals("Again", json.get("reviewLog").get(0).get("ratingLabel").asText());
    }

    private static List<CSVRecord> csv(WebSession s) throws IOException {
        String body = new String(s.request().get("/progress/review-log.csv").asByteArray(), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', body.charAt(0), "a byte-order mark, so spreadsheets read UTF-8");
        try (CSVParser parser = CSVParser.parse(new StringReader(body.substring(1)), CSVFormat.EXCEL)) {
            return parser.getRecords();
        }
    }

    private static JsonNode json(WebSession s) throws IOException {
        return new ObjectMapper().readTree(s.request().get("/progress/history.json").asByteArray());
    }
}
