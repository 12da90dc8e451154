package org.accord.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.bank.Topic;
import org.accord.classroom.AccessControlTest;
import org.accord.quiz.AttemptKeys;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Random and malformed requests against every route and form, as an anonymous visitor, a guest, students and teachers
 * (the {@link AccessControlTest.Fixture}). For every request: no 5xx, and no stack trace or class name in the answer.
 * For every request the app refuses (4xx) the database is unchanged.
 *
 * <p>What the database check proves: a snapshot is taken after every request (row counts and highest ids of every
 * table, plus the mutable columns: attempt finish, score and deadline, question shown times, answer scores, review
 * states, retention, guest tokens, sessions, enrolments, class names and join codes). Requests are sent one at a time
 * and nothing else writes meanwhile, so the snapshots either side of a refused request must be equal. It is a
 * fingerprint, not a full copy: it would miss, say, one review state's stability rising while another's fell by the
 * same amount within one request, which no single refused request could plausibly do.
 *
 * <p>Requests go over a raw socket so they can be malformed in ways an HTTP client library refuses to send: invalid
 * percent-encoding and UTF-8 in paths and bodies, unknown methods, wrong content types. The seed is printed; rerun one
 * with {@code -Dfuzz.seed=...}, and change the number of requests with {@code -Dfuzz.requests=...}.
 */
@QuarkusTest
class FuzzTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    /** Text that only a stack trace, an exception message or a framework's own error page would put in an answer. */
    private static final List<String> LEAK_MARKERS = List.of("Exception", "Caused by", "\tat ", "at java.", "at org.", "at io.",
            "java.lang", "java.util", "io.quarkus", "io.vertx", "io.netty", "org.hibernate", "org.jboss", "org.h2",
            "jakarta.", "org.accord", "SQLState", "SQL statement", "Stack trace", "stacktrace", "NullPointer");

    @Inject
    BankStore bank;

    @Inject
    DataSource dataSource;

    // ---- the fuzz ------------------------------------------------------------------------------------------------------

    @Test
    void randomAndMalformedRequestsNeverFailOnTheServerNeverShowInternalsAndChangeNothingWhenRefused() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest: seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "), " + REQUESTS + " requests");
        Fuzzer fuzz = new Fuzzer(new Random(seed), AccessControlTest.Fixture.build(bank));

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> refusedByRoute = new TreeMap<>();
        Map<String, Long> millisByRoute = new TreeMap<>();
        long snapshotNanos = 0;
        long requestNanos = 0;
        int refused = 0;
        String before = snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            Req req = fuzz.next();
            long t0 = System.nanoTime();
            Res res = send(req);
            long t1 = System.nanoTime();
            String after = snapshot();
            snapshotNanos += System.nanoTime() - t1;
            requestNanos += t1 - t0;
            millisByRoute.merge(req.route, (t1 - t0) / 1_000_000, Long::sum);
            fuzz.learn(req, res);
            statuses.merge(res.status, 1, Integer::sum);

            String problem = problem(res);
            if (problem == null && res.status >= 400 && res.status < 500) {
                refused++;
                refusedByRoute.merge(req.route, 1, Integer::sum);
                if (!after.equals(before)) {
                    problem = "refused with " + res.status + " but the database changed:\n  before " + before + "\n  after  " + after;
                }
            }
            if (problem != null) {
                failures.add("#" + i + " " + req.describe() + "\n  " + problem);
            }
            before = fuzz.heal() ? snapshot() : after;
        }
        long total = System.nanoTime() - start;
        System.out.printf("FuzzTest: %d requests in %.1f s (requests %.1f s, snapshots %.1f s); statuses %s; %d refused%n",
                fuzz.sent, total / 1e9, requestNanos / 1e9, snapshotNanos / 1e9, statuses, refused);
        System.out.println("FuzzTest: refused per route " + refusedByRoute);
        System.out.println("FuzzTest: milliseconds per route " + millisByRoute);
        assertTrue(failures.isEmpty(), () -> "seed " + seed + ": " + failures.size() + " failures\n" + String.join("\n\n", failures));
        assertTrue(fuzz.sent >= REQUESTS, "the fuzz stopped early");
    }

    /** What is wrong with an answer, or null: a server error, or a body that gives away the app's insides. */
    private static String problem(Res res) {
        if (res.status >= 500) {
            return "answered " + res.status + ": " + excerpt(res.body, 0);
        }
        if (res.status == -2) {
            return "no answer within the timeout";
        }
        for (String marker : LEAK_MARKERS) {
            int at = res.body.indexOf(marker);
            if (at >= 0) {
                return "answered " + res.status + " with \"" + marker + "\" in the body: " + excerpt(res.body, at);
            }
        }
        return null;
    }

    private static String excerpt(String body, int at) {
        int from = Math.max(0, at - 200);
        return body.substring(from, Math.min(body.length(), at + 300)).replaceAll("\\s+", " ");
    }

    // ---- the database fingerprint ----------------------------------------------------------------------------------------

    private static final String SNAPSHOT = "SELECT "
            + "(SELECT COUNT(*) FROM question_version), (SELECT MAX(id) FROM question_version), "
            + "(SELECT COUNT(*) FROM learner), (SELECT MAX(id) FROM learner), (SELECT COUNT(guest_token) FROM learner), "
            + "(SELECT SUM(desired_retention) FROM learner), "
            + "(SELECT COUNT(*) FROM account), (SELECT MAX(id) FROM account), "
            + "(SELECT COUNT(*) FROM user_session), (SELECT MAX(id) FROM user_session), "
            + "(SELECT COUNT(*) FROM attempt), (SELECT MAX(id) FROM attempt), (SELECT COUNT(finished_at) FROM attempt), "
            + "(SELECT SUM(score) FROM attempt), (SELECT COUNT(deadline_at) FROM attempt), "
            + "(SELECT COUNT(*) FROM attempt_item), (SELECT MAX(id) FROM attempt_item), (SELECT COUNT(shown_at) FROM attempt_item), "
            + "(SELECT COUNT(*) FROM answer), (SELECT MAX(id) FROM answer), (SELECT SUM(score) FROM answer), "
            + "(SELECT COUNT(*) FROM review_state), (SELECT SUM(reps) FROM review_state), (SELECT SUM(lapses) FROM review_state), "
            + "(SELECT SUM(stability) FROM review_state), (SELECT MAX(due_on) FROM review_state), "
            + "(SELECT COUNT(*) FROM review_log), (SELECT MAX(id) FROM review_log), "
            + "(SELECT COUNT(*) FROM classroom), (SELECT MAX(id) FROM classroom), "
            + "(SELECT COUNT(*) FROM enrolment), (SELECT MAX(id) FROM enrolment), (SELECT SUM(classroom_id) FROM enrolment), "
            + "(SELECT SUM(student_id) FROM enrolment), "
            + "(SELECT COUNT(*) FROM assignment), (SELECT MAX(id) FROM assignment)";

    /** A fingerprint of the database; the few classes' names and join codes are read in full. */
    private String snapshot() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            try (ResultSet r = s.executeQuery(SNAPSHOT)) {
                r.next();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    out.append(r.getString(i)).append(',');
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id, name, join_code FROM classroom ORDER BY id")) {
                int hash = 0;
                while (r.next()) {
                    hash = 31 * hash + (r.getLong(1) + "/" + r.getString(2) + "/" + r.getString(3)).hashCode();
                }
                out.append("classes#").append(Integer.toHexString(hash));
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- requests over a raw socket -------------------------------------------------------------------------------------

    /** One request exactly as it goes on the wire, with the route it was made from and who made it. */
    record Req(String route, String actor, String method, String target, Map<String, String> headers, byte[] body) {
        String describe() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return actor + ": " + method + " " + (target.length() > 300 ? target.substring(0, 300) + "...(" + target.length() + ")" : target)
                    + " " + headers + (body.length == 0 ? "" : " body " + (shown.length() > 400 ? shown.substring(0, 400) + "...(" + body.length + " bytes)" : shown));
        }
    }

    record Res(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }
    }

    private static Res send(Req req) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((req.method + " ").getBytes(StandardCharsets.ISO_8859_1));
            // the target may carry any bytes, malformed UTF-8 included: it is written as its chars' low bytes
            head.writeBytes(req.target.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> h : req.headers.entrySet()) {
                head.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (req.body.length > 0 || req.method.equals("POST")) {
                head.writeBytes(("Content-Length: " + req.body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                out.write(req.body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading a body it refuses; read what it said
            }
            byte[] raw;
            try {
                raw = readAll(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                return new Res(-2, Map.of(), "");
            }
            return parse(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + req.describe(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        try {
            for (int n; (n = in.read(chunk)) >= 0;) {
                buffer.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer: keep what arrived
        }
        return buffer.toByteArray();
    }

    private static Res parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Res(-1, Map.of(), text); // the server closed without an answer: not a server error
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())))) {
            body = dechunk(body);
        }
        return new Res(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = at;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(size, body.length - from));
            at = from + size + 2;
        }
        return out.toByteArray();
    }

    // ---- the generator ----------------------------------------------------------------------------------------------------

    /** A cookie jar and its CSRF token: one browser. */
    static final class Actor {
        final String name;
        final Map<String, String> cookies = new LinkedHashMap<>();
        /** Whose identity must survive the fuzz: never logged out, nor signed in as someone else. */
        final boolean fixed;
        String token;

        Actor(String name, boolean fixed) {
            this.name = name;
            this.fixed = fixed;
        }

        String cookieHeader() {
            StringBuilder out = new StringBuilder();
            cookies.forEach((k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return out.toString();
        }
    }

    /** One route of the app: method, path with placeholders, and the form fields its page sends. */
    record Route(String method, String path, int weight, List<String> fields) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/", 4, List.of()),
            new Route("POST", "/practice", 6, List.of("topic", "topic", "count", "set")),
            new Route("GET", "/attempts/{attempt}", 4, List.of()),
            new Route("GET", "/attempts/{attempt}/questions/{n}", 8, List.of()),
            new Route("POST", "/attempts/{attempt}/questions/{n}", 14, List.of("answer", "choice", "choice", "position-0",
                    "position-1", "position-2", "position-3", "match-0", "match-1", "match-2", "match-3")),
            new Route("POST", "/attempts/{attempt}/finish", 3, List.of()),
            new Route("GET", "/attempts/{attempt}/result", 4, List.of()),
            new Route("GET", "/signup?next={next}", 2, List.of()),
            new Route("POST", "/signup", 3, List.of("displayName", "username", "password", "role", "next")),
            new Route("GET", "/login?next={next}", 2, List.of()),
            new Route("POST", "/login", 2, List.of("username", "password", "next")),
            new Route("GET", "/logout", 1, List.of()),
            new Route("POST", "/logout", 2, List.of()),
            new Route("GET", "/teacher/classes", 2, List.of()),
            new Route("POST", "/teacher/classes", 3, List.of("name")),
            new Route("GET", "/teacher/classes/{class}", 3, List.of()),
            new Route("POST", "/teacher/classes/{class}/code", 2, List.of()),
            new Route("POST", "/teacher/classes/{class}/students/remove", 2, List.of("username")),
            new Route("GET", "/teacher/classes/{class}/assignments/new", 2, List.of()),
            new Route("POST", "/teacher/classes/{class}/assignments", 6, List.of("title", "source", "setId", "topics", "topics",
                    "tags", "difficulty", "count", "opensAt", "dueAt", "timeLimit", "attempts", "counting", "shuffleQuestions",
                    "shuffleChoices", "reveal")),
            new Route("GET", "/teacher/classes/{class}/gradebook", 2, List.of()),
            new Route("GET", "/teacher/classes/{class}/gradebook.csv", 2, List.of()),
            new Route("GET", "/teacher/assignments/{assignment}", 2, List.of()),
            new Route("GET", "/teacher/attempts/{attempt}", 3, List.of()),
            new Route("GET", "/classes", 2, List.of()),
            new Route("POST", "/classes/join", 3, List.of("code")),
            new Route("POST", "/classes/{class}/leave", 1, List.of()),
            new Route("GET", "/assignments", 2, List.of()),
            new Route("POST", "/assignments/{assignment}/start", 3, List.of()),
            new Route("GET", "/review", 2, List.of()),
            new Route("POST", "/review", 2, List.of()),
            new Route("POST", "/review/retention", 2, List.of("retention")),
            new Route("GET", "/flashcards", 2, List.of()),
            new Route("GET", "/flashcards/{topic}", 3, List.of()),
            new Route("GET", "/flashcards/{topic}/{question}", 3, List.of()),
            new Route("POST", "/flashcards/{topic}/{question}", 5, List.of("rating", "reps")),
            new Route("GET", "/progress", 2, List.of()),
            new Route("GET", "/history?page={page}", 2, List.of()),
            new Route("GET", "/progress/review-log.csv", 1, List.of()),
            new Route("GET", "/progress/history.json", 1, List.of()),
            new Route("GET", "/q/health", 1, List.of()),
            new Route("GET", "/q/health/ready", 1, List.of()),
            new Route("GET", "/app.css", 1, List.of()),
            new Route("GET", "{garbage}", 3, List.of()));

    private static final String[] NASTY = {"", " ", "-1", "0", "-2147483649", "2147483648", "99999999999999999999999", "1e309",
            "NaN", "Infinity", "0x10", "1.5", "٣", "null", "undefined", "true", "' OR '1'='1", "'; DROP TABLE account; --",
            "1; DELETE FROM attempt", "\" onmouseover=\"alert(1)", "<script>alert(1)</script>", "{inject:currentUser.account}",
            "{#for x in 1..9999999}x{/for}", "${7*7}", "#{7*7}", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\u0000",
            "a\u0000b", "\r\nSet-Cookie: evil=1", "Ωmega ✓ 𝄞 ﷽", "\u202egnp.exe", "\uD800", "\uDFFF\uD800", "👩‍👩‍👧‍👦", "  padded  ",
            "\t", "ZZZZ-ZZZZ", "kdxq-7mpa", "AAAA-AAAA-AAAA", "2024-02-30T25:61", "0000-01-01T00:00", "+999999999-12-31T23:59",
            "1970-01-01T00:00", "2100-01-01T00:00", "P1D", "//evil.example/", "/\\evil.example", "http://evil.example/",
            "javascript:alert(1)", "on", "off", "AFTER_DUE", "after_due", "BEST", "LAST", "NEVER", "teacher", "learner", "admin"};

    private static final String[] GARBAGE_PATHS = {"/%", "/%ZZ", "/attempts/%ZZ/result", "/%C3%28", "/%FF%FE", "/%00", "/a%00b",
            "/flashcards/%00/%00", "/../../../../etc/passwd", "/attempts/../teacher/classes", "/%2e%2e/%2e%2e/etc/passwd",
            "/teacher/classes/..%2f..%2fq%2fhealth", "//", "///teacher//classes//", "/index.html", "/q/", "/q/dev", "/q/dev-ui",
            "/q/swagger-ui", "/q/openapi", "/q/metrics", "/q/health/live/%ZZ", "/WEB-INF/web.xml", "/META-INF/resources/app.css",
            "/templates/layout/main.html", "/application.properties", "/.git/config", "/teacher", "/teacher/", "/attempts",
            "/attempts/", "/flashcards/", "/review/", "/classes/", "/assignments/x", "/teacher/classes/;jsessionid=1",
            "/app.css;x=y", "/app.css%3F", "/?%", "/?a=%ZZ&&=&==", "/history?page=%", "/login?next=%E0%A4%A",
            "/signup?next=//evil.example", "/login?next=/%0d%0aSet-Cookie:%20a=b", "*", "/Ω", "/" + "é", "/\u00ff\u00fe",
            "/a b", "/<script>", "/\"'", "/{attempt}", "/attempts/{attempt}/questions/%2F1"};

    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "multipart/form-data",
            "multipart/form-data; boundary=zzz", "application/x-www-form-urlencoded; charset=ISO-8859-1",
            "application/x-www-form-urlencoded; charset=nonsense", "application/xml", "a/b/c", ";;;", "*/*",
            "APPLICATION/X-WWW-FORM-URLENCODED"};

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get",
            "CONNECT"};

    private static final Pattern ATTEMPT_LOCATION = Pattern.compile("/attempts/([0-9a-f-]{36})");
    private static final Pattern CLASS_LOCATION = Pattern.compile("/teacher/classes/([0-9a-f-]{36})$");

    /** Makes the requests, remembering the attempts and classes they create so later requests reach deep pages. */
    final class Fuzzer {
        private final Random random;
        private final AccessControlTest.Fixture fixture;
        private final List<Actor> actors = new ArrayList<>();
        private final Actor s1;
        private final List<String> attempts = new ArrayList<>();
        private final List<String> classes = new ArrayList<>();
        private final List<String> assignments = new ArrayList<>();
        private final List<String> usernames = new ArrayList<>();
        private final List<String> topics;
        private final List<Question> questions;
        private final List<String> sets;
        private final int totalWeight;
        int sent;
        private boolean s1MayHaveLeft;

        Fuzzer(Random random, AccessControlTest.Fixture f) {
            this.random = random;
            this.fixture = f;
            s1 = adopt("S1", f.s1);
            adopt("S2", f.s2);
            adopt("teacher A", f.teacherA);
            adopt("teacher B", f.teacherB);
            adopt("newcomer", f.newcomer);
            Actor guest = new Actor("guest", false);
            actors.add(guest);
            refreshToken(guest);
            Actor anonymous = new Actor("anonymous", false);
            actors.add(anonymous);
            refreshToken(anonymous);
            actors.add(new Actor("no cookies", false));
            attempts.addAll(List.of(f.open, f.finished));
            classes.addAll(List.of(f.classA, f.classB));
            assignments.add(f.assignment);
            usernames.add(f.s1User);
            topics = bank.topics().stream().map(Topic::id).toList();
            questions = bank.bank().questions();
            sets = bank.bank().sets().stream().map(QuestionSet::id).toList();
            totalWeight = ROUTES.stream().mapToInt(Route::weight).sum();
        }

        /** Takes over a fixture session's cookies (session, CSRF) into a jar of our own. */
        private Actor adopt(String name, WebSession session) {
            Actor actor = new Actor(name, true);
            session.request().filter((req, res, ctx) -> {
                req.getCookies().forEach(c -> actor.cookies.put(c.getName(), c.getValue()));
                io.restassured.response.Response r = ctx.next(req, res);
                r.getCookies().forEach(actor.cookies::put);
                return r;
            }).get("/");
            refreshToken(actor);
            actors.add(actor);
            return actor;
        }

        /** The CSRF token of the home page's forms, as the actor's browser would have it. */
        private void refreshToken(Actor actor) {
            Res home = send(new Req("/", actor.name, "GET", "/", cookies(actor), new byte[0]));
            learnCookies(actor, home);
            Element field = Jsoup.parse(home.body).selectFirst("input[name=csrf-token]");
            actor.token = field == null ? null : field.attr("value");
        }

        private Map<String, String> cookies(Actor actor) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (!actor.cookies.isEmpty()) {
                headers.put("Cookie", actor.cookieHeader());
            }
            return headers;
        }

        Req next() {
            sent++;
            Actor actor = actors.get(random.nextInt(actors.size()));
            Route route = pickRoute();
            String method = random.nextInt(100) < 6 ? pick(METHODS) : route.method;
            String target = route.path.equals("{garbage}") ? pick(GARBAGE_PATHS) : fill(route.path);
            if (random.nextInt(100) < 8) {
                target = corruptPath(target);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String cookie = cookieHeader(actor);
            if (!cookie.isEmpty()) {
                headers.put("Cookie", cookie);
            }
            byte[] body = new byte[0];
            if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || random.nextInt(100) < 2) {
                boolean keepsIdentity = actor.fixed && (route.path.equals("/logout") || route.path.equals("/login")
                        || route.path.equals("/signup"));
                Map<String, List<String>> form = form(route, actor, keepsIdentity);
                String contentType = random.nextInt(100) < 88 ? "application/x-www-form-urlencoded" : pick(CONTENT_TYPES);
                if (random.nextInt(100) < 3) {
                    contentType = null;
                }
                if (contentType != null) {
                    headers.put("Content-Type", contentType);
                }
                body = encode(form);
                if (random.nextInt(100) < 6) {
                    body = corruptBody(body);
                }
            }
            if (random.nextInt(100) < 3) {
                headers.put("Accept", pick(new String[] {"application/json", "text/csv", "image/png", "*/*", "nonsense", ""}));
            }
            if (random.nextInt(100) < 2) {
                headers.put("Accept-Language", pick(NASTY).replaceAll("[\r\n\u0000-\u001f]", "") + "x");
            }
            return new Req(route.method + " " + route.path, actor.name, method, target, headers, body);
        }

        private Route pickRoute() {
            int w = random.nextInt(totalWeight);
            for (Route r : ROUTES) {
                w -= r.weight;
                if (w < 0) {
                    return r;
                }
            }
            throw new IllegalStateException();
        }

        /** The actor's cookies, sometimes tampered with: a forged session, an unknown guest, a huge or odd value. */
        private String cookieHeader(Actor actor) {
            String header = actor.cookieHeader();
            int roll = random.nextInt(100);
            if (roll < 3) {
                return (header.isEmpty() ? "" : header + "; ") + "accord_session=" + randomToken();
            } else if (roll < 5) {
                return (header.isEmpty() ? "" : header + "; ") + "accord_guest=" + randomToken();
            } else if (roll < 6) {
                return "accord_session=" + "x".repeat(6000);
            } else if (roll < 7) {
                return "accord_guest=%ZZ%00; accord_session=\"\u00e9\"; accord_csrf=;;;";
            } else if (roll < 8) {
                return "";
            }
            return header;
        }

        private String randomToken() {
            return switch (random.nextInt(5)) {
                case 0 -> UUID.randomUUID().toString();
                case 1 -> "";
                case 2 -> "a.b.c";
                case 3 -> Long.toHexString(random.nextLong()) + "." + Long.toHexString(random.nextLong());
                default -> URLEncoder.encode(pick(NASTY), StandardCharsets.UTF_8);
            };
        }

        private String fill(String path) {
            String out = path;
            out = replace(out, "{attempt}", () -> idOr(attempts));
            out = replace(out, "{class}", () -> idOr(classes));
            out = replace(out, "{assignment}", () -> idOr(assignments));
            out = replace(out, "{n}", () -> random.nextInt(100) < 80 ? String.valueOf(1 + random.nextInt(11)) : segment(nasty()));
            out = replace(out, "{page}", () -> URLEncoder.encode(random.nextBoolean() ? String.valueOf(random.nextInt(5)) : nasty(),
                    StandardCharsets.UTF_8));
            out = replace(out, "{next}", () -> URLEncoder.encode(random.nextBoolean() ? "/progress" : nasty(), StandardCharsets.UTF_8));
            String topic = random.nextInt(100) < 80 ? pick(topics) : nasty();
            Question question = questions.get(random.nextInt(questions.size()));
            // a question of the topic, or of another topic, or none at all
            String questionId = random.nextInt(100) < 75 ? question.id() : nasty();
            if (random.nextInt(100) < 60 && out.contains("{question}")) {
                topic = question.topic();
            }
            out = out.replace("{topic}", segment(topic));
            out = out.replace("{question}", segment(questionId));
            return out;
        }

        private String replace(String path, String placeholder, Supplier<String> value) {
            return path.contains(placeholder) ? path.replace(placeholder, value.get()) : path;
        }

        /** A real id most of the time (the actor's own or someone else's), else something that only looks like one. */
        private String idOr(List<String> real) {
            int roll = random.nextInt(100);
            if (roll < 75) {
                return real.get(random.nextInt(real.size()));
            } else if (roll < 85) {
                return UUID.randomUUID().toString();
            }
            return segment(nasty());
        }

        private String nasty() {
            int roll = random.nextInt(100);
            if (roll < 70) {
                return pick(NASTY);
            } else if (roll < 80) {
                return randomText(1 + random.nextInt(40));
            } else if (roll < 85) {
                return "a".repeat(1000 + random.nextInt(5000));
            } else if (roll < 90) {
                return randomText(2000);
            } else if (roll < 95) {
                return UUID.randomUUID().toString().toUpperCase();
            }
            return String.valueOf(random.nextLong());
        }

        private String randomText(int length) {
            StringBuilder out = new StringBuilder();
            while (out.length() < length) {
                int kind = random.nextInt(6);
                int cp = switch (kind) {
                    case 0 -> 0x20 + random.nextInt(0x5f);
                    case 1 -> random.nextInt(0x20);
                    case 2 -> 0xa0 + random.nextInt(0x700);
                    case 3 -> 0x1f300 + random.nextInt(0x300);
                    case 4 -> 0xd800 + random.nextInt(0x800); // lone surrogates
                    default -> 0x4e00 + random.nextInt(0x5000);
                };
                out.appendCodePoint(cp);
            }
            return out.toString();
        }

        private Map<String, List<String>> form(Route route, Actor actor, boolean keepsIdentity) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            if (route.path.startsWith("/attempts/") && route.fields.size() > 0 && random.nextInt(100) < 15) {
                // the right answer to a real question of a real attempt: reaches scoring and the review state
                String attempt = attempts.get(random.nextInt(attempts.size()));
                try {
                    AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1 + random.nextInt(3)))
                            .forEach((k, v) -> form.put(k, new ArrayList<>(v)));
                } catch (RuntimeException e) {
                    // fewer questions than that: random answers instead
                }
            }
            for (String field : route.fields) {
                if (form.containsKey(field) && random.nextBoolean()) {
                    continue;
                }
                int roll = random.nextInt(100);
                if (roll < 15) {
                    continue; // missing
                }
                String value = roll < 65 ? plausible(field) : nasty();
                form.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
                if (random.nextInt(100) < 5) {
                    form.get(field).add(random.nextBoolean() ? value : nasty()); // duplicated
                }
            }
            if (random.nextInt(100) < 10) {
                form.put(random.nextBoolean() ? nasty() : "extra", List.of(nasty()));
            }
            if (random.nextInt(100) < 2) {
                form.put("big", List.of("b".repeat(100_000)));
            }
            if (random.nextInt(100) < 2 && !route.fields.isEmpty()) {
                form.put(pick(route.fields.toArray(String[]::new)), List.of(randomText(100_000)));
            }
            csrf(form, actor, keepsIdentity);
            return form;
        }

        private void csrf(Map<String, List<String>> form, Actor actor, boolean keepsIdentity) {
            int roll = random.nextInt(100);
            if (keepsIdentity && roll < 70) {
                roll = 70 + random.nextInt(30); // never a valid token: S1 stays S1
            }
            if (roll < 70) {
                if (actor.token != null) {
                    form.put("csrf-token", List.of(actor.token));
                }
            } else if (roll < 80) {
                // no token
            } else if (roll < 88) {
                form.put("csrf-token", List.of(randomToken()));
            } else if (roll < 95) {
                Actor other = actors.get(random.nextInt(actors.size()));
                if (other != actor && other.token != null) {
                    form.put("csrf-token", List.of(other.token));
                }
            } else {
                form.put("csrf-token", new ArrayList<>(List.of(randomToken(), actor.token == null ? "x" : actor.token)));
            }
        }

        /** A value such a field could take on the real page. */
        private String plausible(String field) {
            if (field.startsWith("position-") || field.startsWith("match-") || field.equals("choice")) {
                return String.valueOf(random.nextInt(6) - (field.startsWith("position-") ? 0 : 1));
            }
            return switch (field) {
                case "answer" -> pick(new String[] {"true", "false", "1949", "12", "Washington", "1.5e3", "  1 949 ", "-0"});
                case "topic", "topics" -> pick(topics);
                case "set", "setId" -> pick(sets);
                case "count" -> String.valueOf(random.nextInt(60) - 5);
                case "displayName", "name", "title" -> "Fuzz " + random.nextInt(1000);
                case "username" -> random.nextBoolean() ? pick(usernames.toArray(String[]::new)) : "fuzz." + random.nextInt(1_000_000);
                case "password" -> random.nextBoolean() ? "correct horse battery" : "short";
                case "role" -> pick(new String[] {"learner", "teacher"});
                case "next" -> pick(new String[] {"/progress", "/classes", "/teacher/classes"});
                case "code" -> random.nextInt(100) < 15 ? fixture.code() : "KDXQ-7MPA";
                case "source" -> pick(new String[] {"set", "draw"});
                case "tags" -> "nato, 1949";
                case "difficulty" -> String.valueOf(random.nextInt(5));
                case "opensAt", "dueAt" -> pick(new String[] {"2020-01-01T00:00", "2099-12-31T23:59", "2030-06-01T12:00"});
                case "timeLimit" -> pick(new String[] {"", "10", "0", "600"});
                case "attempts" -> String.valueOf(random.nextInt(5));
                case "counting" -> pick(new String[] {"BEST", "LAST", "FIRST"});
                case "shuffleQuestions", "shuffleChoices" -> "on";
                case "reveal" -> pick(new String[] {"IMMEDIATELY", "AFTER_DUE", "NEVER", "AFTER_SUBMIT"});
                case "retention" -> pick(new String[] {"0.80", "0.90", "0.97", "0.9"});
                case "rating" -> String.valueOf(random.nextInt(6));
                case "reps" -> String.valueOf(random.nextInt(3));
                default -> nasty();
            };
        }

        private byte[] encode(Map<String, List<String>> form) {
            StringBuilder out = new StringBuilder();
            form.forEach((k, values) -> values.forEach(v -> out.append(out.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private byte[] corruptBody(byte[] body) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String bad = switch (random.nextInt(7)) {
                case 0 -> "%ZZ";
                case 1 -> "%";
                case 2 -> "%C3%28%FF%FE";
                case 3 -> "\u00c3\u0028\u00ff"; // raw invalid UTF-8 bytes
                case 4 -> "&&==&=";
                case 5 -> "{\"json\": [1, 2";
                default -> "--zzz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--zzz--";
            };
            int at = random.nextInt(text.length() + 1);
            return (text.substring(0, at) + bad + text.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
        }

        private String corruptPath(String target) {
            String bad = switch (random.nextInt(10)) {
                case 0 -> "%ZZ";
                case 1 -> "%";
                case 2 -> "%00";
                case 3 -> "%C3%28";
                case 4 -> "/../..";
                case 5 -> "\u00c3\u0028\u00ff";
                case 6 -> "//";
                case 7 -> ";a=b";
                case 8 -> "x".repeat(5000 + random.nextInt(10_000));
                default -> "?page=%ZZ&next=%";
            };
            int at = 1 + random.nextInt(Math.max(1, target.length()));
            return target.substring(0, Math.min(at, target.length())) + bad + target.substring(Math.min(at, target.length()));
        }

        private String segment(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** Remembers cookies the app set and the attempts, classes and accounts its redirects name. */
        void learn(Req req, Res res) {
            Actor actor = actors.stream().filter(a -> a.name.equals(req.actor)).findFirst().orElseThrow();
            if (!actor.name.equals("no cookies")) {
                learnCookies(actor, res);
            }
            String location = res.header("location");
            if (location != null && res.status == 303) {
                Matcher m = ATTEMPT_LOCATION.matcher(location);
                if (m.find() && !attempts.contains(m.group(1))) {
                    attempts.add(m.group(1));
                }
                Matcher c = CLASS_LOCATION.matcher(location);
                if (c.find() && !classes.contains(c.group(1))) {
                    classes.add(c.group(1));
                }
            }
            if (res.status == 303 && (req.route.endsWith("/leave") || req.route.endsWith("/students/remove"))) {
                s1MayHaveLeft = true;
            }
            if (res.status == 303 && (req.route.equals("POST /logout") || req.route.equals("POST /signup")
                    || req.route.equals("POST /login"))) {
                refreshToken(actor);
            }
        }

        private void learnCookies(Actor actor, Res res) {
            for (String set : res.headers.getOrDefault("set-cookie", List.of())) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = set.toLowerCase().contains("max-age=0") || value.isEmpty();
                if (actor.fixed && (name.equals("accord_session") || name.equals("accord_guest"))) {
                    continue; // a fixture actor keeps who they are
                }
                if (expired) {
                    actor.cookies.remove(name);
                } else {
                    actor.cookies.put(name, value);
                }
            }
        }

        /** Puts S1 back into class A if the fuzz made them leave or be removed; true when it changed the database. */
        boolean heal() {
            if (!s1MayHaveLeft || sent % 200 != 0) {
                return false;
            }
            s1MayHaveLeft = false;
            WebSession s1Session = fixture.s1;
            s1Session.post("/classes", "/classes/join", Map.of("code", List.of(fixture.code())));
            refreshToken(s1);
            return true;
        }
    }

    // ---- regressions found by the fuzz --------------------------------------------------------------------------------------

    @Test
    void aPostThatIsNotAFormIsRefusedEvenWithoutAToken() {
        WebSession guest = new WebSession();
        String attempt = practice(guest);
        // the CSRF check used to skip any body that was not a form, so this finished the attempt without a token
        io.restassured.response.Response r = guest.request().contentType("text/plain").body("x").post("/attempts/" + attempt + "/finish");
        assertEquals(400, r.statusCode());
        assertEquals(303, guest.request().get("/attempts/" + attempt + "/result").statusCode(), "the attempt was finished");
        assertEquals(400, guest.request().post("/attempts/" + attempt + "/finish").statusCode(), "a POST with no body at all");
    }

    @Test
    void aRequestThatCannotBeReadAnswers400NotAServerError() {
        WebSession guest = new WebSession();
        String token = guest.csrfToken("/"); // without a signing key the form's token is the cookie's value
        List<String[]> cases = List.of( // path, Content-Type, body
                new String[] {"/practice", "application/x-www-form-urlencoded", "topic=a%&count=5"}, // a broken escape
                // decoding an escape needs the charset
                new String[] {"/practice", "application/x-www-form-urlencoded; charset=nonsense", "topic=%C3%A9&count=5"},
                // a field without a name, read by the answer form's map (found by seed 7762475924147)
                new String[] {"/attempts/" + UUID.randomUUID() + "/questions/1", "application/x-www-form-urlencoded", "answer=1&&=&="},
                // not media types, sent where no @Consumes answers 415 first
                new String[] {"/logout", "a/b/c", ""},
                new String[] {"/logout", ";;;", ""});
        for (String[] c : cases) {
            Res res = send(new Req("-", "guest", "POST", c[0], Map.of("Content-Type", c[1], "Cookie", "accord_csrf=" + token),
                    (c[2] + (c[2].isEmpty() ? "" : "&") + "csrf-token=" + token).getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, res.status, c[0] + " as " + c[1] + ": " + res.body);
            assertEquals(null, problem(res));
        }
    }

    @Test
    void errorPagesAnsweredBeforeAnyPageDoNotFailForSomeoneSignedIn() {
        WebSession teacher = new WebSession();
        teacher.signUp("Fuzz Teacher", "teacher");
        // no route, a wrong method, a type the page does not make: answered on the event loop, where the database is out of reach
        assertEquals(404, teacher.request().get("/no/such/page").statusCode());
        assertEquals(405, teacher.request().put("/teacher/classes").statusCode());
        assertEquals(406, teacher.request().accept("image/png").get("/progress").statusCode());
        io.restassured.response.Response inPage = teacher.request().get("/teacher/classes/" + UUID.randomUUID());
        assertEquals(404, inPage.statusCode());
        assertTrue(WebSession.html(inPage).selectFirst("a[href=/logout]") != null, "an error inside a page still shows who is signed in");
    }

    @Test
    void aRefusedAnswerToAQuestionNotYetOpenedStartsNoClock() {
        WebSession guest = new WebSession();
        String attempt = practice(guest);
        io.restassured.response.Response r = guest.post("/", "/attempts/" + attempt + "/questions/2", Map.of());
        assertEquals(422, r.statusCode());
        Boolean shown = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            org.accord.quiz.Attempt a = org.accord.quiz.Attempt.find("publicId", attempt).firstResult();
            return org.accord.quiz.AttemptItem.of(a).get(1).shownAt != null;
        });
        assertEquals(false, shown, "question 2's shown time was set by a refused answer");
    }

    /** Starts a practice quiz of the bank's first set as this browser; returns the attempt id. */
    private String practice(WebSession browser) {
        io.restassured.response.Response r = browser.post("/", "/practice", Map.of("set", List.of(bank.bank().sets().get(0).id())));
        assertEquals(303, r.statusCode(), r.asString());
        Matcher m = ATTEMPT_LOCATION.matcher(r.header("Location"));
        assertTrue(m.find());
        return m.group(1);
    }
}
