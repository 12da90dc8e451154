package org.accord.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.accord.account.Sessions;
import org.accord.bank.BankStore;
import org.accord.quiz.AttemptKeys;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.accord.web.Zones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClassroomPagesTest {

    @Inject
    BankStore bank;

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A teacher with a class; returns the class id. */
    static String classOf(WebSession teacher, String name) {
        Response r = teacher.post("/teacher/classes", "/teacher/classes", Map.of("name", List.of(name)));
        assertEquals(303, r.statusCode(), r.asString());
        return r.header("Location").replaceAll(".*/teacher/classes/", "");
    }

    static String joinCode(WebSession teacher, String classId) {
        return teacher.page("/teacher/classes/" + classId).selectFirst("#join-code").text();
    }

    static Response join(WebSession student, String code) {
        return student.post("/classes", "/classes/join", Map.of("code", List.of(code)));
    }

    /** Assigns the bank's first set with these settings; returns the assignment id as shown on the class page. */
    static String assign(WebSession teacher, String classId, String title, Map<String, String> overrides) {
        Map<String, List<String>> form = new HashMap<>();
        Instant now = Instant.now();
        Map<String, String> values = new HashMap<>(Map.of("title", title, "source", "set", "opensAt",
                AssignmentForm.local(now.minusSeconds(3600), Zones.UTC), "dueAt", AssignmentForm.local(now.plusSeconds(86400), Zones.UTC),
                "attempts", "1", "counting", "HIGHEST", "reveal", "AFTER_SUBMIT", "shuffleChoices", "on"));
        values.putAll(overrides);
        values.forEach((k, v) -> form.put(k, List.of(v)));
        Response r = teacher.post("/teacher/classes/" + classId + "/assignments/new", "/teacher/classes/" + classId + "/assignments", form);
        assertEquals(303, r.statusCode(), r.asString());
        Document page = teacher.page("/teacher/classes/" + classId);
        Element link = page.select("a[href^=/teacher/assignments/]").stream().filter(a -> a.text().equals(title)).findFirst().orElseThrow();
        return link.attr("href").replace("/teacher/assignments/", "");
    }

    /** Starts the assignment as the student; returns the new attempt's id from the redirect. */
    static String startAttempt(WebSession student, String assignmentId) {
        Response started = student.post("/assignments", "/assignments/" + assignmentId + "/start", Map.of());
        assertEquals(303, started.statusCode(), started.asString());
        return started.header("Location").replaceAll(".*/attempts/([^/]+).*", "$1");
    }

    /** A class with an assignment in it, and a student who has joined it. */
    record Assigned(String classId, String assignmentId, String username) {
    }

    /**
     * Signs up the teacher, who makes a class named {@code className} and assigns it {@code title} (see {@link #assign});
     * then signs up the student, who joins the class.
     */
    static Assigned assigned(WebSession teacher, String teacherName, String className, String title, Map<String, String> settings,
            WebSession student, String studentName) {
        teacher.signUp(teacherName, "teacher");
        String classId = classOf(teacher, className);
        String assignmentId = assign(teacher, classId, title, settings);
        String username = student.signUp(studentName, "learner");
        join(student, joinCode(teacher, classId));
        return new Assigned(classId, assignmentId, username);
    }

    record TimedAttempt(String classId, String attemptId) {
    }

    /** A teacher's class with a five-minute assignment of the first set, which the student has joined and started. */
    private TimedAttempt startFiveMinuteAttempt(WebSession teacher, String teacherName, String className, WebSession student,
            String studentName) {
        Assigned a = assigned(teacher, teacherName, className, "Five minutes", Map.of("setId", bank.bank().sets().get(0).id(),
                "timeLimit", "5"), student, studentName);
        return new TimedAttempt(a.classId(), startAttempt(student, a.assignmentId()));
    }

    @Test
    void aStudentJoinsWithTheCodeTypedLooselyAndAppearsOnTheRoster() {
        WebSession teacher = new WebSession();
        teacher.signUp("Ms Teacher", "teacher");
        String classId = classOf(teacher, "History 10B");
        String code = joinCode(teacher, classId);
        assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}"), code);

        WebSession student = new WebSession();
        String username = student.signUp("Sam Student", "learner");
        Response r = join(student, " " + code.toLowerCase().replace("-", "") + " ");
        assertEquals(303, r.statusCode());
        List<String> roster = teacher.page("/teacher/classes/" + classId).select("#roster tbody td:eq(1)").eachText();
        assertEquals(List.of(username), roster);
        assertEquals("History 10B", student.page("/classes").selectFirst("li.panel strong").text());
    }

    @Test
    void aRotatedCodeStopsWorkingAndAWrongCodeSaysWhatToDo() {
        WebSession teacher = new WebSession();
        teacher.signUp("Mr Rotate", "teacher");
        String classId = classOf(teacher, "Rotating");
        String old = joinCode(teacher, classId);
        teacher.post("/teacher/classes/" + classId, "/teacher/classes/" + classId + "/code", Map.of());
        String fresh = joinCode(teacher, classId);
        assertTrue(!fresh.equals(old));
        WebSession student = new WebSession();
        student.signUp("Late Joiner", "learner");
        Response refused = join(student, old);
        assertEquals(422, refused.statusCode());
        assertTrue(WebSession.html(refused).selectFirst("#code-error").text().startsWith("No class has that code."));
        assertEquals(303, join(student, fresh).statusCode());
    }

    @Test
    void theFirstQuestionAfterAStartIsReadyForItsRedirectAndTheSameAsARenderedOne() {
        WebSession student = new WebSession();
        Assigned ready = assigned(new WebSession(), "Mr Ready", "Ready", "Ready check", Map.of("setId", bank.bank().sets().get(0).id()),
                student, "Rita Ready");
        String username = ready.username();

        String attemptId = startAttempt(student, ready.assignmentId());
        String page = "/attempts/" + attemptId + "/questions/1";
        // the title changed behind the app's back: a page rendered now would show it, the one kept at the Start does not
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update attempt set title = 'Renamed behind the app' "
                + "where public_id = ?1").setParameter(1, attemptId).executeUpdate());
        Document kept = student.page(page);
        assertEquals("Home · Ready check", kept.selectFirst(".crumbs").text(), "served as the Start kept it");
        assertEquals(student.request().get("/").getCookie("accord_csrf"), kept.selectFirst("input[name=csrf-token]").val(),
                "its form carries the token of the student's own CSRF cookie");
        Object[] times = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("select a.started_at, i.shown_at "
                + "from attempt a join attempt_item i on i.attempt_id = a.id where a.public_id = ?1 and i.position = 1")
                .setParameter(1, attemptId).getSingleResult());
        assertEquals(times[0], times[1], "question 1 counts as shown from the Start, as no view will write it");

        // the same page rendered on its own request (a session cookie without the CSRF cookie is never served a kept page)
        String session = student.post("/login", "/login", Map.of("username", List.of(username),
                "password", List.of("correct horse battery"))).getCookie(Sessions.COOKIE);
        Document rendered = WebSession.html(io.restassured.RestAssured.given().cookie(Sessions.COOKIE, session).get(page));
        assertEquals("Home · Renamed behind the app", rendered.selectFirst(".crumbs").text());
        for (Document d : List.of(kept, rendered)) {
            d.select("input[name=csrf-token]").remove();
        }
        assertEquals(rendered.selectFirst("form.question").outerHtml(), kept.selectFirst("form.question").outerHtml(),
                "the kept page asks the same question with its options in the same order");
        assertEquals(rendered.selectFirst(".progress").outerHtml(), kept.selectFirst(".progress").outerHtml());

        assertEquals(404, new WebSession().request().get(page).statusCode(), "nobody else is given it");
        Response saved = student.post(page, page, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 1)));
        assertEquals(303, saved.statusCode(), "answered from the kept page");
    }

    @Test
    void aTimedAssignmentsFirstQuestionIsRenderedWhenItIsOpened() {
        WebSession teacher = new WebSession();
        WebSession student = new WebSession();
        TimedAttempt timed = startFiveMinuteAttempt(teacher, "Ms Clock", "Clocked", student, "Tim Timed");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update attempt set title = 'Renamed behind the app' "
                + "where public_id = ?1").setParameter(1, timed.attemptId()).executeUpdate());
        Document first = student.page("/attempts/" + timed.attemptId() + "/questions/1");
        assertEquals("Home · Renamed behind the app", first.selectFirst(".crumbs").text(), "its timer is as of the view, so nothing was kept");
        assertTrue(first.selectFirst("#time-left") != null);
    }

    @Test
    void anAssignmentWithMistakesComesBackWithEachMessageBesideItsField() {
        WebSession teacher = new WebSession();
        teacher.signUp("Ms Careful", "teacher");
        String classId = classOf(teacher, "Checks");
        Response r = teacher.post("/teacher/classes/" + classId + "/assignments/new", "/teacher/classes/" + classId + "/assignments",
                Map.of("title", List.of(""), "source", List.of("set"), "setId", List.of("nope"), "opensAt", List.of("2026-01-02T10:00"),
                        "dueAt", List.of("2026-01-01T10:00"), "timeLimit", List.of("0"), "attempts", List.of("11"),
                        "counting", List.of("BEST"), "reveal", List.of("AFTER_EACH")));
        assertEquals(422, r.statusCode());
        Document page = WebSession.html(r);
        for (String field : List.of("title", "setId", "dueAt", "timeLimit", "attempts", "counting")) {
            assertTrue(page.selectFirst("#" + field + "-error") != null, "no message beside " + field);
        }
        assertEquals("2026-01-01T10:00", page.selectFirst("#dueAt").val(), "the teacher's input is kept");
    }

    @Test
    void timesAreEnteredAndShownInEachPersonsOwnTimeZone() {
        WebSession teacher = new WebSession().inZone("Asia/Tokyo");
        teacher.signUp("Ms Tokyo", "teacher");
        String classId = classOf(teacher, "Zones");
        Document form = teacher.page("/teacher/classes/" + classId + "/assignments/new");
        assertEquals("Due (Asia/Tokyo)", form.selectFirst("label[for=dueAt]").text());
        assertEquals("Asia/Tokyo", form.selectFirst("input[name=zone]").val(), "the form sends back the zone it showed");

        // 09:00 in Tokyo (UTC+9 all year) is midnight UTC and 19:00 the evening before in New York (UTC-5 in January)
        int year = Instant.now().atZone(Zones.UTC).getYear() + 1;
        String setId = bank.bank().sets().get(0).id();
        assign(teacher, classId, "Tokyo time", Map.of("setId", setId, "dueAt", year + "-01-20T09:00", "zone", "Asia/Tokyo"));
        Element row = teacher.page("/teacher/classes/" + classId).select("tbody tr").stream()
                .filter(r -> r.selectFirst("th") != null && r.selectFirst("th").text().equals("Tokyo time"))
                .findFirst().orElseThrow();
        assertEquals("20 Jan " + year + ", 09:00 JST", row.select("td").get(2).text(), "the due column: " + row.text());

        WebSession student = new WebSession().inZone("America/New_York");
        student.signUp("Nate York", "learner");
        join(student, joinCode(teacher, classId));
        assertEquals("19 Jan " + year + ", 19:00 EST", student.page("/assignments").selectFirst("#assignments tbody td:nth-of-type(2)").text());
        student.inZone(null); // a browser that has not run the layout's script yet
        assertEquals("20 Jan " + year + ", 00:00 UTC", student.page("/assignments").selectFirst("#assignments tbody td:nth-of-type(2)").text());

        Response tampered = teacher.post("/teacher/classes/" + classId + "/assignments/new", "/teacher/classes/" + classId + "/assignments",
                Map.of("title", List.of("Nowhere time"), "source", List.of("set"), "setId", List.of(setId),
                        "opensAt", List.of(year + "-01-10T09:00"), "dueAt", List.of(year + "-01-20T09:00"), "zone", List.of("Mars/Olympus"),
                        "attempts", List.of("1"), "counting", List.of("HIGHEST"), "reveal", List.of("AFTER_SUBMIT")));
        assertEquals(422, tampered.statusCode());
        Document refused = WebSession.html(tampered);
        assertTrue(refused.selectFirst("#opensAt-error").text().contains("time zone"), refused.selectFirst("#opensAt-error").text());
        assertEquals(year + "-01-20T09:00", refused.selectFirst("#dueAt").val(), "the teacher's input is kept");
        assertEquals("Asia/Tokyo", refused.selectFirst("input[name=zone]").val(), "sent again, the times are read in the teacher's zone");
        assertEquals("Due (Asia/Tokyo)", refused.selectFirst("label[for=dueAt]").text());
    }

    @Test
    void aStudentTakesAnAssignmentAndTheGradebookAndCsvShowTheScore() throws IOException {
        WebSession teacher = new WebSession();
        WebSession student = new WebSession();
        Assigned graded = assigned(teacher, "Mrs Grader", "Grades", "Founders check", Map.of("setId", bank.bank().sets().get(0).id()),
                student, "Zoë Ångström");
        String classId = graded.classId();
        String assignmentId = graded.assignmentId();
        String username = graded.username();

        Document list = student.page("/assignments");
        assertEquals("To do", list.selectFirst("#assignments .status").text());
        Response started = student.post("/assignments", "/assignments/" + assignmentId + "/start", Map.of());
        assertEquals(303, started.statusCode());
        String attemptId = started.header("Location").replaceAll(".*/attempts/([^/]+).*", "$1");
        assertTrue(started.header("Location").endsWith("/attempts/" + attemptId + "/questions/1"), "a new attempt opens at its first question");
        Response again = student.post("/assignments", "/assignments/" + assignmentId + "/start", Map.of());
        assertTrue(again.header("Location").endsWith("/attempts/" + attemptId), "Start again continues the attempt in progress: "
                + again.header("Location"));
        int total = bank.bank().sets().get(0).questionIds().size();
        for (int n = 1; n <= total; n++) {
            String path = "/attempts/" + attemptId + "/questions/" + n;
            student.post("/classes", path, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, n)));
            if (n == 1) {
                assertEquals("Answer saved", student.page(path).selectFirst("#verdict").text(), "no key before the end");
            }
        }
        Document result = student.page("/attempts/" + attemptId + "/result");
        assertTrue(result.selectFirst("#score").text().startsWith(total + " / " + total));

        Document book = teacher.page("/teacher/classes/" + classId + "/gradebook");
        Element row = book.selectFirst("#gradebook tbody tr");
        assertEquals("Zoë Ångström", row.selectFirst("th").text());
        assertEquals("100%", row.selectFirst("td a").text());
        assertEquals("Done", row.selectFirst("td .status").text());

        Response csv = teacher.request().get("/teacher/classes/" + classId + "/gradebook.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"));
        String body = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("\uFEFF"), "a byte-order mark, so spreadsheets read UTF-8");
        List<CSVRecord> records = CSVParser.parse(new StringReader(body.substring(1)), CSVFormat.EXCEL.builder().setHeader()
                .setSkipHeaderRecord(true).build()).getRecords();
        assertEquals(1, records.size());
        assertEquals("Zoë Ångström", records.get(0).get("Student"));
        assertEquals(username, records.get(0).get("Username"));
        assertEquals("100", records.get(0).get("Founders check - score %"));
        assertEquals("Done", records.get(0).get("Founders check - status"));

        Document stats = teacher.page("/teacher/assignments/" + assignmentId);
        assertEquals("1", stats.select("#distribution tbody tr").last().select("td").first().text(), "one student in 90-100%");
    }

    @Test
    void anAttemptPastItsTimeLimitIsClosedAtTheLimitAndLaterAnswersAreRefused() {
        WebSession student = new WebSession();
        String attemptId = startFiveMinuteAttempt(new WebSession(), "Mr Timer", "Timed", student, "Slow Sue").attemptId();
        String first = "/attempts/" + attemptId + "/questions/1";
        assertTrue(student.page(first).selectFirst("#time-left") != null, "the page shows the time left");
        student.post("/classes", first, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 1)));

        clock.advance(Duration.ofMinutes(6));
        String second = "/attempts/" + attemptId + "/questions/2";
        Response late = student.post("/classes", second, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 2)));
        assertEquals(303, late.statusCode());
        assertTrue(late.header("Location").endsWith("/attempts/" + attemptId + "/result"));
        Document result = student.page("/attempts/" + attemptId + "/result");
        int total = bank.bank().sets().get(0).questionIds().size();
        assertTrue(result.selectFirst("#score").text().startsWith("1 / " + total), result.selectFirst("#score").text());
        assertEquals("5 min 0 s", result.selectFirst("#time-taken").text(), "closed at the limit, not when noticed");
    }

    /** The teacher may be the first to look after the time ran out: the gradebook closes the attempt at its limit. */
    @Test
    void theGradebookClosesAnAttemptWhoseTimeRanOutBeforeAnyoneElseLooks() {
        WebSession teacher = new WebSession();
        WebSession student = new WebSession();
        TimedAttempt timed = startFiveMinuteAttempt(teacher, "Ms Late", "Timed twice", student, "Idle Ida");
        String classId = timed.classId();
        String attemptId = timed.attemptId();
        student.post("/classes", "/attempts/" + attemptId + "/questions/1", AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 1)));

        clock.advance(Duration.ofMinutes(6));
        Element row = teacher.page("/teacher/classes/" + classId + "/gradebook").selectFirst("#gradebook tbody tr");
        int total = bank.bank().sets().get(0).questionIds().size();
        assertTrue(row.text().contains("Done"), row.text());
        assertTrue(row.text().contains(Math.round(100.0 / total) + "%"), "one right answer of " + total + ": " + row.text());
        assertTrue(row.text().contains("5 min 0 s"), "closed at the limit: " + row.text());
        assertEquals("5 min 0 s", student.page("/attempts/" + attemptId + "/result").selectFirst("#time-taken").text(),
                "and the student sees the same closed attempt");
    }
}
