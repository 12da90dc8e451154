package org.accord.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.accord.account.Sessions;
import org.accord.bank.BankStore;
import org.accord.quiz.AttemptKeys;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page cache serves a learner's page again without reading the database, so these tests change a
 * row behind the app's back (plain SQL, which no listener sees) to tell a kept page from a fresh one.
 */
@QuarkusTest
class PageCacheTest {

    @Inject
    EntityManager em;

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    @Inject
    PageCache cache;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aQuestionSeenAgainIsServedAsKeptUntilTheLearnerAnswersIt() {
        WebSession learner = new WebSession();
        String attempt = startPractice(learner);
        String page = question(attempt, 1);
        learner.page(page); // question 1 counts as shown from the Start, so this first view writes nothing and is kept
        assertEquals("The founders and the 1949 treaty", title(learner.page(page)));

        retitle(attempt, "Renamed behind the app");
        assertEquals("The founders and the 1949 treaty", title(learner.page(page)), "the kept page");

        Response saved = learner.post(page, page, AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1)));
        assertEquals(303, saved.statusCode());
        Document feedback = learner.page(page);
        assertEquals("Renamed behind the app", title(feedback), "the learner's answer drops the kept page");
        assertEquals("Correct", feedback.selectFirst("#verdict").text());
    }

    @Test
    void aPracticeStartKeepsItsFirstQuestionForTheRedirectUnlessItMadeTheGuest() {
        WebSession learner = new WebSession();
        learner.signUp("Ready Learner", "learner");
        String attempt = startPractice(learner);
        retitle(attempt, "Renamed behind the app");
        assertEquals("The founders and the 1949 treaty", title(learner.page(question(attempt, 1))), "kept by the Start");

        // a browser with no guest cookie yet comes back from the Start with a new one, which nothing kept matches
        WebSession newcomer = new WebSession();
        String guestAttempt = startPractice(newcomer);
        retitle(guestAttempt, "Renamed behind the app");
        assertEquals("Renamed behind the app", title(newcomer.page(question(guestAttempt, 1))));
    }

    @Test
    void aKeptPageGoesOnlyToTheCookiesItWasRenderedFor() {
        WebSession learner = new WebSession();
        Response started = learner.post("/", "/practice", Map.of("topic", List.of("founders"), "count", List.of("3")));
        String guest = started.getCookie("accord_guest");
        String page = started.header("Location").replaceFirst("^https?://[^/]+", "");
        learner.page(page);
        String token = learner.page(page).selectFirst("input[name=csrf-token]").val();

        assertEquals(404, new WebSession().request().get(page).statusCode(), "another guest gets no page at all");
        // the same learner in a second browser (same guest cookie, another CSRF cookie) gets its own token
        assertNotNull(guest);
        String otherToken = new WebSession().request().get("/").getCookie("accord_csrf");
        assertNotEquals(token, otherToken);
        Response other = new WebSession().request().cookie("accord_guest", guest).cookie("accord_csrf", otherToken)
                .get(page);
        assertEquals(200, other.statusCode());
        assertEquals(otherToken, WebSession.html(other).selectFirst("input[name=csrf-token]").val());
    }

    @Test
    void aKeptDashboardGoesStaleWithTheLearnersOwnAnswer() {
        WebSession learner = new WebSession();
        learner.signUp("Cache Learner", "learner");
        assertEquals("0", answers(learner.page("/progress")));
        String attempt = startPractice(learner);
        String page = question(attempt, 1);
        learner.page("/progress");
        learner.post(page, page, AttemptKeys.correctForm(AttemptKeys.slot(bank, attempt, 1)));
        assertEquals("1", answers(learner.page("/progress")), "the new answer shows at once");
    }

    @Test
    void loggingOutStopsKeptPagesForACopiedSessionCookie() {
        WebSession learner = new WebSession();
        String username = learner.signUp("Copied Cookie", "learner");
        Response login = learner.post("/login", "/login", Map.of("username", List.of(username),
                "password", List.of("correct horse battery")));
        String session = login.getCookie(Sessions.COOKIE);
        String csrf = learner.request().get("/").getCookie("accord_csrf");
        for (int i = 0; i < 2; i++) {
            assertEquals(200, copied(session, csrf).get("/progress").statusCode());
        }
        assertEquals(303, learner.post("/", "/logout", Map.of()).statusCode());
        Response after = copied(session, csrf).get("/progress");
        assertEquals(303, after.statusCode(), "the ended session is sent to log in, not given a kept dashboard");
    }

    @Test
    void requestsForAPageBeingRenderedWaitForThatOneRender() throws Exception {
        clock.advanceToNoonUtc(); // a dashboard is kept no later than midnight
        WebSession learner = new WebSession();
        String username = learner.signUp("Many Tabs", "learner");
        Response login = learner.post("/login", "/login", Map.of("username", List.of(username),
                "password", List.of("correct horse battery")));
        String cookies = Sessions.COOKIE + "=" + login.getCookie(Sessions.COOKIE) + "; accord_csrf="
                + learner.request().get("/").getCookie("accord_csrf");
        long before = cache.passedOn();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> views = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                views.add(pool.submit(() -> {
                    go.await();
                    return RestAssured.given().header("Cookie", cookies).redirects().follow(false).get("/progress");
                }));
            }
            go.countDown();
            Set<String> bodies = new HashSet<>();
            for (Future<Response> view : views) {
                Response r = view.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                bodies.add(r.asString());
            }
            assertEquals(1, bodies.size(), "every request got the same dashboard");
            assertEquals("0", answers(WebSession.html(views.get(0).get())));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, cache.passedOn() - before, "one render answered all sixteen");
    }

    @Test
    void onlyThePagesThatCanBeKeptWaitForAnotherRequestsRender() {
        assertTrue(PageCache.keepable("/progress"));
        assertTrue(PageCache.keepable("/attempts/5d9c3a56-2b12-4b41-bcf4-e352763057a4/questions/3"));
        assertTrue(PageCache.keepable("/teacher/classes/k3j2/gradebook"));
        assertFalse(PageCache.keepable("/attempts/5d9c3a56-2b12-4b41-bcf4-e352763057a4/result"));
        assertFalse(PageCache.keepable("/attempts/5d9c3a56-2b12-4b41-bcf4-e352763057a4"));
        assertFalse(PageCache.keepable("/teacher/classes/k3j2/gradebook.csv"));
        assertFalse(PageCache.keepable("/teacher/classes/k3j2"));
    }

    private static RequestSpecification copied(String session, String csrf) {
        return RestAssured.given().cookie(Sessions.COOKIE, session).cookie("accord_csrf", csrf).redirects().follow(false);
    }

    @Test
    void aKeptQuestionStopsAtTheMaxAge() {
        WebSession learner = new WebSession();
        String attempt = startPractice(learner);
        String page = question(attempt, 1);
        learner.page(page);
        learner.page(page);
        retitle(attempt, "Renamed behind the app");
        assertEquals("The founders and the 1949 treaty", title(learner.page(page)));
        clock.advance(Duration.ofSeconds(6)); // past accord.page-cache.max-age (5 s)
        assertEquals("Renamed behind the app", title(learner.page(page)));
    }

    private static String startPractice(WebSession session) {
        Response r = session.post("/", "/practice", Map.of("topic", List.of("founders"), "count", List.of("3")));
        assertEquals(303, r.statusCode(), r.asString());
        return r.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
    }

    private static String question(String attempt, int n) {
        return "/attempts/" + attempt + "/questions/" + n;
    }

    private static String title(Document page) {
        return page.selectFirst(".crumbs").text().replaceFirst("^Home · ", "");
    }

    private static String answers(Document dashboard) {
        assertNotNull(dashboard.selectFirst("#answers-total"), dashboard.outerHtml());
        return dashboard.selectFirst("#answers-total").text();
    }

    private void retitle(String attempt, String title) {
        int rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "update attempt set title = ?1 where public_id = ?2").setParameter(1, title).setParameter(2, attempt)
                .executeUpdate());
        assertEquals(1, rows);
    }
}
