package org.accord.classroom;

import static org.accord.classroom.ClassroomPagesTest.assign;
import static org.accord.classroom.ClassroomPagesTest.classOf;
import static org.accord.classroom.ClassroomPagesTest.join;
import static org.accord.classroom.ClassroomPagesTest.joinCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.accord.account.Account;
import org.accord.bank.BankStore;
import org.accord.bank.QuestionSet;
import org.accord.quiz.Attempt;
import org.accord.quiz.AttemptKeys;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.accord.web.Zones;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may see and do what. One fixture, built once for the class:
 * <ul>
 * <li>teacher A with class A and an assignment of a curated set whose key is hidden until the due time (AFTER_DUE, 2 attempts);</li>
 * <li>S1, a student of class A, with a finished attempt (one answer, then "finish now") and an open attempt (question 1
 * answered, question 2 not);</li>
 * <li>teacher B with class B, and S2, a student of class B only;</li>
 * <li>an anonymous browser (no account, no guest cookie).</li>
 * </ul>
 * Every page and action is tried as each of the five actors; the expected answers form the tables below. Another person's
 * resource answers 404 (never 403), pages that need an account send an anonymous visitor to log in, and a refused action
 * changes nothing, which each case checks through the owner's own pages where it can.
 */
@QuarkusTest
public class AccessControlTest {

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    private static Fixture fixture;

    @BeforeEach
    void buildFixtureOnce() {
        if (fixture == null) {
            fixture = Fixture.build(bank);
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- the tables --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("teacherCases")
    void teacherPagesAndActionsAnswerOnlyTheClasssOwnTeacher(String name) {
        run(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("studentCases")
    void studentPagesAndActionsAnswerOnlyStudentsOfTheClass(String name) {
        run(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attemptCases")
    void anAttemptAnswersOnlyTheLearnerWhoseAttemptItIs(String name) {
        run(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("csrfCases")
    void everyStateChangingPostWithoutTheSessionsCsrfTokenIsRefused(String name) {
        run(name);
    }

    static Stream<String> teacherCases() {
        return GROUPS.get(TEACHER).stream();
    }

    static Stream<String> studentCases() {
        return GROUPS.get(STUDENT).stream();
    }

    static Stream<String> attemptCases() {
        return GROUPS.get(ATTEMPT).stream();
    }

    static Stream<String> csrfCases() {
        return GROUPS.get(CSRF).stream();
    }

    // ---- the answer key ----------------------------------------------------------------------------------------------

    @Test
    void noStudentSeesTheAnswerKeyBeforeTheDueTime() {
        Fixture f = fixture;
        for (String attempt : List.of(f.open, f.finished)) {
            Document feedback = f.s1.page(question(attempt, 1));
            assertEquals("Answer saved", feedback.selectFirst("#verdict").text(), "feedback on " + attempt);
            assertNull(feedback.selectFirst(".answer-correct"), "the key is on S1's feedback before the due time");
            assertNull(feedback.selectFirst(".explanation"), "the explanation is on S1's feedback before the due time");
            assertNotNull(feedback.selectFirst(".answer-yours"), "S1 sees their own answer");
        }
        Document unanswered = f.s1.page(question(f.open, 2));
        assertNull(unanswered.selectFirst(".answer-correct"));

        Document result = f.s1.page("/attempts/" + f.finished + "/result");
        assertNull(result.selectFirst(".answer-correct"), "the key is on S1's result before the due time");
        assertNull(result.selectFirst(".explanation"), "the explanation is on S1's result before the due time");
        assertTrue(result.selectFirst("#hidden-note").text().startsWith("The correct answers appear here after the due time"),
                result.selectFirst("#hidden-note").text());
    }

    @Test
    void theKeyAppearsForTheStudentOnceTheDueTimeHasPassedAndForNoOneElse() {
        Fixture f = fixture;
        String result = "/attempts/" + f.finished + "/result";
        clock.advance(Duration.ofDays(2));
        try {
            // only the finished attempt is touched here: the open one would be closed at its deadline if anyone looked at it
            Document page = f.s1.page(result);
            assertNotNull(page.selectFirst(".answer-correct"), "past the due time S1's result shows the key");
            assertNull(page.selectFirst("#hidden-note"));
            for (Actor other : List.of(Actor.ANONYMOUS, Actor.S2, Actor.TEACHER_A, Actor.TEACHER_B)) {
                assertEquals(404, f.as(other).request().get(result).statusCode(), other.label + " opened S1's result after the due time");
            }
        } finally {
            clock.reset();
        }
    }

    /** A 404 for someone else's thing must be the same page as for a thing that does not exist. */
    @Test
    void someoneElsesClassOrAttemptLooksExactlyLikeAMissingOne() {
        Fixture f = fixture;
        String missing = UUID.randomUUID().toString();
        List<String[]> pairs = List.of(
                new String[] {"/teacher/classes/" + f.classA, "/teacher/classes/" + missing},
                new String[] {"/teacher/classes/" + f.classA + "/gradebook.csv", "/teacher/classes/" + missing + "/gradebook.csv"},
                new String[] {"/teacher/assignments/" + f.assignment, "/teacher/assignments/" + missing},
                new String[] {"/teacher/attempts/" + f.open, "/teacher/attempts/" + missing});
        for (String[] pair : pairs) {
            Response theirs = f.teacherB.request().get(pair[0]);
            Response none = f.teacherB.request().get(pair[1]);
            assertEquals(404, theirs.statusCode(), pair[0]);
            assertEquals(none.statusCode(), theirs.statusCode(), pair[0]);
            assertEquals(none.asString(), theirs.asString(), "teacher B can tell " + pair[0] + " exists");
        }
        for (String path : List.of("/attempts/" + f.finished + "/result", question(f.open, 1))) {
            String fake = path.replace(path.contains(f.open) ? f.open : f.finished, missing);
            Response theirs = f.s2.request().get(path);
            Response none = f.s2.request().get(fake);
            assertEquals(404, theirs.statusCode(), path);
            assertEquals(none.asString(), theirs.asString(), "S2 can tell " + path + " exists");
        }
        Response leave = f.s2.post("/", "/classes/" + f.classA + "/leave", Map.of());
        Response leaveMissing = f.s2.post("/", "/classes/" + missing + "/leave", Map.of());
        assertEquals(404, leave.statusCode());
        assertEquals(leaveMissing.asString(), leave.asString(), "S2 can tell class A exists");
        Response start = f.s2.post("/", "/assignments/" + f.assignment + "/start", Map.of());
        Response startMissing = f.s2.post("/", "/assignments/" + missing + "/start", Map.of());
        assertEquals(404, start.statusCode());
        assertEquals(startMissing.asString(), start.asString(), "S2 can tell the assignment exists");
    }

    // ---- two refusals checked on their own ------------------------------------------------------------------------------

    /** A refused CSRF token used to answer 500 to someone signed in: the error page's layout rendered the log-out form. */
    @Test
    void refusedCsrfTokenAnswers400ToSomeoneSignedIn() {
        Response r = fixture.teacherA.postRaw("/teacher/classes/" + fixture.classA + "/code", Map.of());
        assertEquals(400, r.statusCode(), "POST /teacher/classes/{A}/code without a CSRF token, as teacher A");
        assertNotNull(WebSession.html(r).selectFirst("a[href=/logout]"), "the error page still offers a way to log out");
    }

    /** The gradebook links to attempts still in progress; the class's teacher sees the answers so far. */
    @Test
    void theClasssTeacherOpensAnAttemptStillInProgressFromTheGradebook() {
        Response r = fixture.teacherA.request().get("/teacher/attempts/" + fixture.open);
        assertEquals(200, r.statusCode(), "teacher A's drill-down of S1's unfinished attempt");
        assertTrue(WebSession.html(r).text().contains("Not submitted yet"), "the page says the attempt is still open");
    }

    // ---- running one case ----------------------------------------------------------------------------------------------

    private void run(String name) {
        Case c = CASES.get(name);
        Fixture f = fixture;
        String path = c.path().apply(f);
        Consumer<Response> check = c.check().apply(f); // takes its "before" snapshot now
        WebSession session = f.as(c.actor());
        Response r;
        if (c.method().equals(GET)) {
            r = session.request().get(path);
        } else {
            Map<String, List<String>> fields = new LinkedHashMap<>(c.fields().apply(f));
            r = switch (c.token()) {
                case VALID -> session.post("/", path, fields);
                case NONE -> session.postRaw(path, fields);
                case FORGED -> {
                    fields.put("csrf-token", List.of("forged" + f.tag));
                    yield session.postRaw(path, fields);
                }
                case OTHER_SESSIONS -> {
                    fields.put("csrf-token", List.of(f.teacherB.csrfToken("/")));
                    yield session.postRaw(path, fields);
                }
            };
        }
        String location = local(r.header("Location"));
        assertEquals(c.status(), r.statusCode(), () -> name + ": answered " + r.statusCode()
                + (location == null ? "" : " to " + location));
        if (c.location() != null) {
            String expected = c.location().apply(f);
            assertTrue(location != null && location.matches(expected), () -> name + ": sent to " + location + ", expected " + expected);
        }
        if (c.refused()) {
            String body = r.asString();
            for (String secret : List.of(f.classAName, f.title, f.s1User, f.code())) {
                assertFalse(body.contains(secret), () -> name + ": the refusal shows \"" + secret + "\"");
            }
        }
        check.accept(r);
    }

    // ---- the cases ---------------------------------------------------------------------------------------------------

    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String TEACHER = "teacher";
    private static final String STUDENT = "student";
    private static final String ATTEMPT = "attempt";
    private static final String CSRF = "csrf";

    enum Actor {
        ANONYMOUS("anonymous"),
        S1("S1 (student of class A)"),
        S2("S2 (student of class B)"),
        TEACHER_A("teacher A (class A's teacher)"),
        TEACHER_B("teacher B (another teacher)"),
        NEWCOMER("a student of class A with no attempt yet");

        final String label;

        Actor(String label) {
            this.label = label;
        }
    }

    enum Token {
        VALID, NONE, FORGED, OTHER_SESSIONS
    }

    record Case(String name, Actor actor, String method, Function<Fixture, String> path,
            Function<Fixture, Map<String, List<String>>> fields, Token token, int status, Function<Fixture, String> location,
            boolean refused, Function<Fixture, Consumer<Response>> check) {
    }

    /** What one actor gets; by default the route's path and fields. */
    record Expect(int status, Function<Fixture, String> location, boolean refused, Function<Fixture, Consumer<Response>> check,
            Function<Fixture, String> path, Function<Fixture, Map<String, List<String>>> fields) {

        Expect then(Function<Fixture, Consumer<Response>> c) {
            return new Expect(status, location, refused, c, path, fields);
        }

        Expect at(Function<Fixture, String> p) {
            return new Expect(status, location, refused, check, p, fields);
        }

        Expect with(Function<Fixture, Map<String, List<String>>> form) {
            return new Expect(status, location, refused, check, path, form);
        }
    }

    static Expect ok() {
        return new Expect(200, null, false, null, null, null);
    }

    /** A 303 to exactly this path. */
    static Expect see(Function<Fixture, String> path) {
        return new Expect(303, f -> Pattern.quote(path.apply(f)), false, null, null, null);
    }

    static Expect seeMatching(String regex) {
        return new Expect(303, f -> regex, false, null, null, null);
    }

    /** Refused: the page body must not give the class away, and the route's "nothing changed" check runs. */
    static Expect refused(int status) {
        return new Expect(status, null, true, null, null, null);
    }

    static Expect answered(int status) {
        return new Expect(status, null, false, null, null, null);
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    private static final Function<Fixture, Consumer<Response>> NOTHING = f -> r -> {
    };

    private static final class Route {
        final String group;
        final String method;
        final String label;
        final Function<Fixture, String> path;
        Function<Fixture, Map<String, List<String>>> fields = f -> Map.of();
        Function<Fixture, Consumer<Response>> unchanged = NOTHING;
        Token token = Token.VALID;

        Route(String group, String method, String label, Function<Fixture, String> path) {
            this.group = group;
            this.method = method;
            this.label = label;
            this.path = path;
        }

        Route fields(Function<Fixture, Map<String, List<String>>> form) {
            this.fields = form;
            return this;
        }

        /** What must be unchanged after a refused request. */
        Route unchanged(Function<Fixture, Consumer<Response>> check) {
            this.unchanged = check;
            return this;
        }

        Route token(Token t) {
            this.token = t;
            return this;
        }

        /** An anonymous visitor is sent to log in; from a page, with the way back. */
        Route logIn() {
            Function<Fixture, String> where = GET.equals(method)
                    ? f -> Pattern.quote("/login?next=" + URLEncoder.encode(path.apply(f), StandardCharsets.UTF_8))
                    : f -> Pattern.quote("/login");
            return as(Actor.ANONYMOUS, new Expect(303, where, true, null, null, null));
        }

        Route refuse(int status, Actor... actors) {
            for (Actor a : actors) {
                as(a, refused(status));
            }
            return this;
        }

        Route as(Actor actor, Expect e) {
            Function<Fixture, Consumer<Response>> check = e.check() != null ? e.check() : e.refused() ? unchanged : NOTHING;
            String name = method + " " + label + " as " + actor.label + (token == Token.VALID ? "" : " with " + tokenLabel())
                    + " -> " + e.status();
            Case c = new Case(name, actor, method, e.path() != null ? e.path() : path, e.fields() != null ? e.fields() : fields,
                    token, e.status(), e.location(), e.refused(), check);
            if (CASES.put(name, c) != null) {
                throw new IllegalStateException("two cases named " + name);
            }
            GROUPS.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
            return this;
        }

        private String tokenLabel() {
            return switch (token) {
                case NONE -> "no CSRF token";
                case FORGED -> "a forged CSRF token";
                case OTHER_SESSIONS -> "teacher B's CSRF token";
                case VALID -> "";
            };
        }
    }

    static Route route(String group, String method, String label, Function<Fixture, String> path) {
        return new Route(group, method, label, path);
    }

    static Route csrfRoute(String label, Function<Fixture, String> path) {
        return route(CSRF, POST, label, path);
    }

    static String question(String attempt, int n) {
        return "/attempts/" + attempt + "/questions/" + n;
    }

    static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return map;
    }

    static Map<String, List<String>> assignmentForm(Fixture f, String title) {
        Instant now = Instant.now();
        return form("title", title, "source", "set", "setId", f.setId, "opensAt", AssignmentForm.local(now.minusSeconds(3600), Zones.UTC),
                "dueAt", AssignmentForm.local(now.plusSeconds(86400), Zones.UTC), "attempts", "1", "counting", "HIGHEST",
                "reveal", "AFTER_SUBMIT");
    }

    // ---- "nothing changed" checks, made through the owners' own pages ---------------------------------------------------

    static Function<Fixture, Consumer<Response>> joinCodeUnchanged() {
        return f -> {
            String before = f.code();
            return r -> assertEquals(before, f.code(), "class A's join code changed");
        };
    }

    static Function<Fixture, Consumer<Response>> joinCodeOfBUnchanged() {
        return f -> {
            String before = f.codeB();
            return r -> assertEquals(before, f.codeB(), "class B's join code changed");
        };
    }

    static Function<Fixture, Consumer<Response>> rosterUnchanged() {
        return f -> {
            List<String> before = f.roster();
            assertTrue(before.contains(f.s1User), "S1 should be on class A's roster before the case");
            return r -> assertEquals(before, f.roster(), "class A's roster changed");
        };
    }

    static Function<Fixture, Consumer<Response>> assignmentsUnchanged() {
        return f -> {
            List<String> before = f.assignmentsOfA();
            return r -> assertEquals(before, f.assignmentsOfA(), "class A's assignments changed");
        };
    }

    static Function<Fixture, Consumer<Response>> classesUnchanged() {
        return f -> {
            long before = QuarkusTransaction.requiringNew().call(() -> Classroom.count());
            return r -> assertEquals(before, (long) QuarkusTransaction.requiringNew().call(() -> Classroom.count()), "a class was created");
        };
    }

    static Function<Fixture, Consumer<Response>> attemptsUnchanged() {
        return f -> {
            long before = f.attemptsAtAssignment();
            return r -> assertEquals(before, f.attemptsAtAssignment(), "an attempt at class A's assignment was created");
        };
    }

    /** S1's open attempt, seen as S1: question 1's answer as it was, question 2 unanswered, the attempt still running. */
    static Function<Fixture, Consumer<Response>> openAttemptUnchanged() {
        return f -> {
            String firstAnswer = f.s1.page(question(f.open, 1)).selectFirst(".answer-yours").text();
            return r -> {
                Document second = f.s1.page(question(f.open, 2));
                assertNull(second.selectFirst("#verdict"), "an answer to question 2 of S1's attempt was recorded");
                assertNotNull(second.selectFirst("form.question"), "question 2 of S1's attempt is no longer open");
                assertEquals("1", second.selectFirst("#progress").attr("value"), "S1's attempt counts another answer");
                assertEquals(firstAnswer, f.s1.page(question(f.open, 1)).selectFirst(".answer-yours").text(),
                        "S1's answer to question 1 changed");
                Response resume = f.s1.request().get("/attempts/" + f.open);
                assertEquals(303, resume.statusCode());
                assertEquals(question(f.open, 2), local(resume.header("Location")), "S1's attempt is no longer in progress");
            };
        };
    }

    static Function<Fixture, Consumer<Response>> bodyHas(Function<Fixture, String> text) {
        return f -> r -> assertTrue(r.asString().contains(text.apply(f)), "the page lacks \"" + text.apply(f) + "\"");
    }

    static Function<Fixture, Consumer<Response>> bodyLacks(Function<Fixture, String> text) {
        return f -> r -> assertFalse(r.asString().contains(text.apply(f)), "the page shows \"" + text.apply(f) + "\"");
    }

    static {
        Actor anon = Actor.ANONYMOUS;
        Actor s1 = Actor.S1;
        Actor s2 = Actor.S2;
        Actor ta = Actor.TEACHER_A;
        Actor tb = Actor.TEACHER_B;

        // ---- teacher pages and actions ----
        route(TEACHER, GET, "/teacher/classes (my classes)", f -> "/teacher/classes")
                .logIn().refuse(404, s1, s2)
                .as(ta, ok().then(bodyHas(f -> "/teacher/classes/" + f.classA)))
                .as(tb, ok().then(bodyLacks(f -> f.classA)));
        route(TEACHER, POST, "/teacher/classes (create a class)", f -> "/teacher/classes")
                .fields(f -> form("name", "Extra " + f.tag)).unchanged(classesUnchanged())
                .logIn().refuse(404, s1, s2)
                .as(ta, seeMatching("/teacher/classes/[0-9a-f-]{36}"))
                .as(tb, seeMatching("/teacher/classes/[0-9a-f-]{36}"));
        route(TEACHER, GET, "/teacher/classes/{A} (class page)", f -> "/teacher/classes/" + f.classA)
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(f -> r -> {
                    Document page = WebSession.html(r);
                    assertNotNull(page.selectFirst("#join-code"));
                    assertTrue(page.select("#roster tbody td:eq(1)").eachText().contains(f.s1User));
                }));
        route(TEACHER, GET, "/teacher/classes/{A}/assignments/new (new-assignment form)",
                f -> "/teacher/classes/" + f.classA + "/assignments/new")
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(bodyHas(f -> "/teacher/classes/" + f.classA + "/assignments")));
        route(TEACHER, POST, "/teacher/classes/{A}/assignments (create assignment)",
                f -> "/teacher/classes/" + f.classA + "/assignments")
                .fields(f -> assignmentForm(f, "Sneaky " + f.tag)).unchanged(assignmentsUnchanged())
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, see(f -> "/teacher/classes/" + f.classA).with(f -> assignmentForm(f, "Extra " + f.tag)).then(f -> {
                    List<String> before = f.assignmentsOfA();
                    return r -> assertEquals(before.size() + 1, f.assignmentsOfA().size(), "teacher A's assignment was not created");
                }));
        route(TEACHER, POST, "/teacher/classes/{A}/code (rotate join code)", f -> "/teacher/classes/" + f.classA + "/code")
                .unchanged(joinCodeUnchanged())
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, see(f -> "/teacher/classes/" + f.classA).then(f -> {
                    String before = f.code();
                    return r -> assertNotEquals(before, f.code(), "teacher A's rotation left the code as it was");
                }));
        route(TEACHER, POST, "/teacher/classes/{B}/code (rotate another teacher's join code)",
                f -> "/teacher/classes/" + f.classB + "/code")
                .unchanged(joinCodeOfBUnchanged())
                .logIn().refuse(404, s1, s2, ta)
                .as(tb, see(f -> "/teacher/classes/" + f.classB));
        route(TEACHER, POST, "/teacher/classes/{A}/students/remove (remove S1)",
                f -> "/teacher/classes/" + f.classA + "/students/remove")
                .fields(f -> form("username", f.s1User)).unchanged(rosterUnchanged())
                .logIn().refuse(404, s1, s2, tb)
                // teacher A's own removal is tried on a spare student, so S1 stays in the class for the other cases
                .as(ta, see(f -> "/teacher/classes/" + f.classA).with(f -> form("username", f.spare())).then(f -> {
                    String spare = f.spare();
                    assertTrue(f.roster().contains(spare));
                    return r -> {
                        assertFalse(f.roster().contains(spare), "teacher A could not remove a student");
                        assertTrue(f.roster().contains(f.s1User));
                    };
                }));
        route(TEACHER, GET, "/teacher/classes/{A}/gradebook", f -> "/teacher/classes/" + f.classA + "/gradebook")
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(bodyHas(f -> f.title)));
        route(TEACHER, GET, "/teacher/classes/{A}/gradebook.csv", f -> "/teacher/classes/" + f.classA + "/gradebook.csv")
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(f -> r -> {
                    assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
                    assertTrue(new String(r.asByteArray(), StandardCharsets.UTF_8).contains(f.s1User));
                }));
        route(TEACHER, GET, "/teacher/assignments/{id} (assignment stats)", f -> "/teacher/assignments/" + f.assignment)
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(bodyHas(f -> f.title)));
        route(TEACHER, GET, "/teacher/attempts/{S1's open attempt} (drill-down)", f -> "/teacher/attempts/" + f.open)
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(f -> r -> assertNotNull(WebSession.html(r).selectFirst(".answer-correct"),
                        "the class's teacher sees the key of an open attempt too")));
        route(TEACHER, GET, "/teacher/attempts/{S1's finished attempt} (drill-down)", f -> "/teacher/attempts/" + f.finished)
                .logIn().refuse(404, s1, s2, tb)
                .as(ta, ok().then(f -> r -> assertNotNull(WebSession.html(r).selectFirst(".answer-correct"),
                        "the class's teacher sees the key in the drill-down")));

        // ---- student pages and actions ----
        route(STUDENT, GET, "/classes (my classes)", f -> "/classes")
                .logIn()
                .as(s1, ok().then(bodyHas(f -> f.classAName)))
                .as(s2, ok().then(bodyLacks(f -> f.classAName)))
                .as(ta, ok().then(bodyLacks(f -> f.classBName)))
                .as(tb, ok().then(bodyLacks(f -> f.classAName)));
        // a join code is the key to a class: whoever has it may join, so the refusals tried are a wrong code and one's own class
        route(STUDENT, POST, "/classes/join", f -> "/classes/join")
                .fields(f -> form("code", f.code())).unchanged(rosterUnchanged())
                .logIn()
                .as(s1, see(f -> "/assignments").then(rosterUnchanged()))
                .as(s2, answered(422).with(f -> form("code", "ZZZZ-ZZZZ")).then(rosterUnchanged()))
                .as(ta, answered(422).then(rosterUnchanged()))
                .as(tb, answered(422).with(f -> form("code", "ZZZZ-ZZZZ")).then(rosterUnchanged()));
        route(STUDENT, POST, "/classes/{A}/leave", f -> "/classes/" + f.classA + "/leave")
                .unchanged(rosterUnchanged())
                .logIn().refuse(404, s2, ta, tb)
                // S1 may leave; S1 then joins again with the current code, so the other cases keep their fixture
                .as(s1, see(f -> "/classes").then(f -> r -> {
                    assertFalse(f.roster().contains(f.s1User), "S1 could not leave class A");
                    assertEquals(303, join(f.s1, f.code()).statusCode());
                    assertTrue(f.roster().contains(f.s1User));
                }));
        route(STUDENT, GET, "/assignments (my assignments)", f -> "/assignments")
                .logIn()
                .as(s1, ok().then(bodyHas(f -> f.title)))
                .as(s2, ok().then(bodyLacks(f -> f.title)))
                .as(ta, ok().then(bodyLacks(f -> f.title)))
                .as(tb, ok().then(bodyLacks(f -> f.title)));
        route(STUDENT, POST, "/assignments/{A's assignment}/start", f -> "/assignments/" + f.assignment + "/start")
                .unchanged(attemptsUnchanged())
                .logIn().refuse(404, s2, ta, tb)
                .as(s1, see(f -> "/attempts/" + f.open).then(attemptsUnchanged()));

        // ---- S1's attempts ----
        route(ATTEMPT, GET, "/attempts/{S1's open attempt} (resume)", f -> "/attempts/" + f.open)
                .refuse(404, anon, s2, ta, tb)
                .as(s1, see(f -> question(f.open, 2)));
        route(ATTEMPT, GET, "/attempts/{S1's open attempt}/questions/1 (answered)", f -> question(f.open, 1))
                .refuse(404, anon, s2, ta, tb)
                .as(s1, ok().then(f -> r -> assertEquals("Answer saved", WebSession.html(r).selectFirst("#verdict").text())));
        route(ATTEMPT, GET, "/attempts/{S1's open attempt}/questions/2 (unanswered)", f -> question(f.open, 2))
                .refuse(404, anon, s2, ta, tb)
                .as(s1, ok().then(f -> r -> assertNotNull(WebSession.html(r).selectFirst("form.question"))));
        route(ATTEMPT, POST, "/attempts/{S1's open attempt}/questions/2 (answer, with the right answer)", f -> question(f.open, 2))
                .fields(f -> f.q2Right).unchanged(openAttemptUnchanged())
                .refuse(404, anon, s2, ta, tb)
                // S1's own answers were posted while building the fixture; a second post of an answered question counts once
                .as(s1, see(f -> question(f.open, 1)).at(f -> question(f.open, 1)).with(f -> f.q1Right).then(openAttemptUnchanged()));
        route(ATTEMPT, POST, "/attempts/{S1's open attempt}/finish", f -> "/attempts/" + f.open + "/finish")
                .unchanged(openAttemptUnchanged())
                .refuse(404, anon, s2, ta, tb)
                // S1's own finish is tried on the attempt already finished, which stays as it was
                .as(s1, see(f -> "/attempts/" + f.finished + "/result").at(f -> "/attempts/" + f.finished + "/finish")
                        .then(openAttemptUnchanged()));
        route(ATTEMPT, GET, "/attempts/{S1's finished attempt}/questions/1", f -> question(f.finished, 1))
                .refuse(404, anon, s2, ta, tb)
                .as(s1, ok());
        route(ATTEMPT, GET, "/attempts/{S1's finished attempt}/result", f -> "/attempts/" + f.finished + "/result")
                .refuse(404, anon, s2, ta, tb)
                .as(s1, ok().then(f -> r -> assertNull(WebSession.html(r).selectFirst(".answer-correct"),
                        "S1's result shows the key before the due time")));
        route(ATTEMPT, GET, "/attempts/{S1's open attempt}/result", f -> "/attempts/" + f.open + "/result")
                .refuse(404, anon, s2, ta, tb)
                .as(s1, see(f -> "/attempts/" + f.open));

        // ---- CSRF: each state-changing POST, by someone who may make it, but without their session's token ----
        for (Token token : List.of(Token.NONE, Token.FORGED, Token.OTHER_SESSIONS)) {
            csrfRoute("/teacher/classes/{A}/code (rotate join code)", f -> "/teacher/classes/" + f.classA + "/code")
                    .token(token).unchanged(joinCodeUnchanged()).as(ta, refused(400));
            csrfRoute("/teacher/classes/{A}/students/remove (remove S1)",
                    f -> "/teacher/classes/" + f.classA + "/students/remove")
                    .token(token).fields(f -> form("username", f.s1User)).unchanged(rosterUnchanged()).as(ta, refused(400));
        }
        for (Token token : List.of(Token.NONE, Token.FORGED)) {
            csrfRoute("/attempts/{S1's open attempt}/questions/2 (answer)", f -> question(f.open, 2))
                    .token(token).fields(f -> f.q2Right).unchanged(openAttemptUnchanged()).as(s1, refused(400));
        }
        csrfRoute("/teacher/classes (create a class)", f -> "/teacher/classes")
                .token(Token.NONE).fields(f -> form("name", "No token " + f.tag)).unchanged(classesUnchanged()).as(ta, refused(400));
        csrfRoute("/teacher/classes/{A}/assignments (create assignment)", f -> "/teacher/classes/" + f.classA + "/assignments")
                .token(Token.NONE).fields(f -> assignmentForm(f, "No token " + f.tag)).unchanged(assignmentsUnchanged())
                .as(ta, refused(400));
        csrfRoute("/classes/join (with class A's code)", f -> "/classes/join")
                .token(Token.NONE).fields(f -> form("code", f.code())).unchanged(rosterUnchanged()).as(s2, refused(400));
        csrfRoute("/classes/{A}/leave", f -> "/classes/" + f.classA + "/leave")
                .token(Token.NONE).unchanged(rosterUnchanged()).as(s1, refused(400));
        csrfRoute("/assignments/{A's assignment}/start", f -> "/assignments/" + f.assignment + "/start")
                .token(Token.NONE).unchanged(attemptsUnchanged()).as(Actor.NEWCOMER, refused(400));
        csrfRoute("/attempts/{S1's open attempt}/finish", f -> "/attempts/" + f.open + "/finish")
                .token(Token.NONE).unchanged(openAttemptUnchanged()).as(s1, refused(400));
        csrfRoute("/practice (start a practice quiz)", f -> "/practice")
                .token(Token.NONE).fields(f -> form("set", f.setId))
                .unchanged(f -> r -> assertNull(r.cookie("accord_guest"), "a guest was made for a refused start"))
                .as(anon, refused(400));
        csrfRoute("/logout", f -> "/logout")
                .token(Token.NONE)
                .unchanged(f -> r -> assertEquals(200, f.s1.request().get("/classes").statusCode(), "S1 was logged out"))
                .as(s1, refused(400));
        csrfRoute("/signup", f -> "/signup")
                .token(Token.NONE)
                .fields(f -> form("displayName", "No Token", "username", "no.token." + f.tag, "password", "correct horse battery",
                        "role", "teacher"))
                .unchanged(f -> r -> assertEquals(0L, (long) QuarkusTransaction.requiringNew()
                        .call(() -> Account.count("username", "no.token." + f.tag)), "an account was made"))
                .as(anon, refused(400));
    }

    // ---- the fixture -------------------------------------------------------------------------------------------------

    /** Also the starting point of {@code FuzzTest}, which reaches every page with these actors and ids. */
    public static final class Fixture {
        public final String tag = Long.toString(System.nanoTime(), 36);
        public final WebSession anonymous = new WebSession();
        public final WebSession s1 = new WebSession();
        public final WebSession s2 = new WebSession();
        public final WebSession teacherA = new WebSession();
        public final WebSession teacherB = new WebSession();
        public final WebSession newcomer = new WebSession();
        public String s1User;
        public String classA;
        public String classAName;
        public String classB;
        public String classBName;
        public String setId;
        public String assignment;
        public String title;
        /** S1's first attempt: question 1 answered, then finished early. */
        public String finished;
        /** S1's second attempt: question 1 answered, question 2 not, still running. */
        public String open;
        public Map<String, List<String>> q1Right;
        public Map<String, List<String>> q2Right;
        private String spare;

        public static Fixture build(BankStore bank) {
            Fixture f = new Fixture();
            f.teacherA.signUp("Teacher A", "teacher");
            f.teacherB.signUp("Teacher B", "teacher");
            f.classAName = "Class A " + f.tag;
            f.classA = classOf(f.teacherA, f.classAName);
            f.classBName = "Class B " + f.tag;
            f.classB = classOf(f.teacherB, f.classBName);
            QuestionSet set = bank.bank().sets().stream().filter(s -> s.questionIds().size() >= 2).findFirst()
                    .orElseThrow(() -> new AssertionError("the bank needs a set of two or more questions"));
            f.setId = set.id();
            f.title = "Key after due " + f.tag;
            f.assignment = assign(f.teacherA, f.classA, f.title,
                    Map.of("setId", set.id(), "reveal", "AFTER_DUE", "attempts", "2"));

            f.s1User = f.s1.signUp("Student One", "learner");
            assertEquals(303, join(f.s1, f.code()).statusCode());
            f.s2.signUp("Student Two", "learner");
            assertEquals(303, join(f.s2, f.codeB()).statusCode());
            f.newcomer.signUp("Newcomer", "learner");
            assertEquals(303, join(f.newcomer, f.code()).statusCode());

            f.finished = f.start();
            f.answerFirst(bank, f.finished);
            Response finish = f.s1.post("/", "/attempts/" + f.finished + "/finish", Map.of());
            assertEquals(303, finish.statusCode());
            f.open = f.start();
            assertNotEquals(f.finished, f.open);
            f.q1Right = f.answerFirst(bank, f.open);
            f.q2Right = AttemptKeys.correctForm(AttemptKeys.slot(bank, f.open, 2));

            f.anonymous.page("/"); // its CSRF cookie, as a browser would have
            return f;
        }

        private String start() {
            Response r = s1.post("/assignments", "/assignments/" + assignment + "/start", Map.of());
            assertEquals(303, r.statusCode(), r.asString());
            return r.header("Location").replaceAll(".*/attempts/([^/]+).*", "$1");
        }

        private Map<String, List<String>> answerFirst(BankStore bank, String attempt) {
            Map<String, List<String>> right = AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1));
            Response r = s1.post("/", question(attempt, 1), right);
            assertEquals(303, r.statusCode(), r.asString());
            return right;
        }

        WebSession as(Actor actor) {
            return switch (actor) {
                case ANONYMOUS -> anonymous;
                case S1 -> s1;
                case S2 -> s2;
                case TEACHER_A -> teacherA;
                case TEACHER_B -> teacherB;
                case NEWCOMER -> newcomer;
            };
        }

        /** Class A's join code now, as its teacher sees it. */
        public String code() {
            return joinCode(teacherA, classA);
        }

        String codeB() {
            return joinCode(teacherB, classB);
        }

        /** Usernames on class A's roster, as its teacher sees it. */
        List<String> roster() {
            return teacherA.page("/teacher/classes/" + classA).select("#roster tbody td:eq(1)").eachText();
        }

        List<String> assignmentsOfA() {
            return teacherA.page("/teacher/classes/" + classA).select("a[href^=/teacher/assignments/]").eachAttr("href");
        }

        long attemptsAtAssignment() {
            return QuarkusTransaction.requiringNew().call(() -> Attempt.count("assignment.publicId", assignment));
        }

        /** A student who joins class A only to be removed by teacher A. */
        String spare() {
            if (spare == null) {
                WebSession session = new WebSession();
                spare = session.signUp("Spare Student", "learner");
                assertEquals(303, join(session, code()).statusCode());
            }
            return spare;
        }
    }

    /** The path of a Location header, without scheme and host. */
    static String local(String location) {
        return location == null ? null : location.replaceFirst("^https?://[^/]+", "");
    }
}
