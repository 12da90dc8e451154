package org.accord.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accord.web.WebSession;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPagesTest {

    static Map<String, List<String>> signUpForm(String name, String username, String password, String role) {
        return Map.of("displayName", List.of(name), "username", List.of(username), "password", List.of(password),
                "role", List.of(role));
    }

    static Response logIn(WebSession session, String username, String password) {
        return session.post("/login", "/login", Map.of("username", List.of(username), "password", List.of(password)));
    }

    @Test
    void signingUpStoresABcryptHashAndGivesAnHttpOnlySameSiteSessionCookie() {
        WebSession session = new WebSession();
        String username = "ada." + System.nanoTime();
        Response r = session.post("/signup", "/signup", signUpForm("Ada", username.toUpperCase(Locale.ROOT), "a long passphrase", "learner"));
        assertEquals(303, r.statusCode());
        assertEquals("/classes", r.header("Location").replaceAll("^https?://[^/]+", ""));
        String cookie = r.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), cookie);
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.byUsername(username).orElseThrow().passwordHash);
        assertTrue(hash.startsWith("$2a$12$") || hash.startsWith("$2b$12$") || hash.startsWith("$2y$12$"), hash);
        assertEquals("Ada", session.page("/").selectFirst("nav.account .who").text());
    }

    @Test
    void aSignUpWithMistakesNamesEachFieldAndKeepsTheInput() {
        WebSession first = new WebSession();
        String taken = first.signUp("Taken", "learner");
        Response r = new WebSession().post("/signup", "/signup", signUpForm("", taken, "short", "admin"));
        assertEquals(422, r.statusCode());
        Document page = WebSession.html(r);
        assertEquals("Enter the name others will see, up to 100 characters.", page.selectFirst("#displayName-error").text());
        assertEquals("That username is taken. Log in, or choose another.", page.selectFirst("#username-error").text());
        assertEquals("Use at least 10 characters.", page.selectFirst("#password-error").text());
        assertNotNull(page.selectFirst("#role-error"));
        assertEquals(taken, page.selectFirst("#username").val());
        assertEquals("", page.selectFirst("#password").val(), "a password is never sent back");
    }

    @Test
    void aGuestsPracticeComesAlongWhenTheGuestSignsUp() {
        WebSession session = new WebSession();
        Response started = session.post("/", "/practice", Map.of("topic", List.of("founders"), "count", List.of("2")));
        String attempt = started.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
        session.signUp("Former Guest", "learner");
        assertEquals("/attempts/" + attempt, session.page("/").selectFirst("ul.resume a").attr("href"),
                "the unfinished practice quiz is offered to the new account");
        assertEquals(200, session.request().get("/attempts/" + attempt + "/questions/1").statusCode());
        session.post("/", "/logout", Map.of());
        assertEquals(404, session.request().get("/attempts/" + attempt + "/questions/1").statusCode(),
                "after logging out the old guest cookie no longer opens the account's history");
    }

    @Test
    void loggingOutEndsTheSessionOnTheServerSoACopiedCookieStopsWorking() {
        WebSession session = new WebSession();
        String username = session.signUp("Copy Cat", "teacher");
        Response login = logIn(session, username, "correct horse battery");
        String cookie = login.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0].substring(Sessions.COOKIE.length() + 1);
        assertEquals(200, io.restassured.RestAssured.given().cookie(Sessions.COOKIE, cookie).redirects().follow(false)
                .get("/teacher/classes").statusCode());
        session.post("/", "/logout", Map.of());
        Response copied = io.restassured.RestAssured.given().cookie(Sessions.COOKIE, cookie).redirects().follow(false).get("/teacher/classes");
        assertEquals(303, copied.statusCode(), "the copied cookie is sent to log in again");
        assertTrue(copied.header("Location").contains("/login"));
    }

    @Test
    void aForgedSessionCookieIsIgnored() {
        Response r = io.restassured.RestAssured.given().cookie(Sessions.COOKIE, "made-up.token").redirects().follow(false)
                .get("/classes");
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").contains("/login?next=%2Fclasses"));
    }

    @Test
    void repeatedFailedLoginsAreRefusedForAWhileEvenWithTheRightPassword() {
        WebSession owner = new WebSession();
        String username = owner.signUp("Target", "learner");
        WebSession attacker = new WebSession();
        for (int i = 0; i < 10; i++) {
            Response wrong = logIn(attacker, username, "wrong password " + i);
            assertEquals(422, wrong.statusCode());
            assertEquals("That username and password do not match.", WebSession.html(wrong).selectFirst("#login-error").text());
        }
        Response locked = logIn(attacker, username, "correct horse battery");
        assertEquals(422, locked.statusCode());
        assertTrue(WebSession.html(locked).selectFirst("#login-error").text().startsWith("Too many failed attempts"));
    }

    @Test
    void logInSendsPeopleBackWhereTheyWereGoingButNeverToAnotherSite() {
        WebSession session = new WebSession();
        String username = session.signUp("Returner", "learner");
        session.post("/", "/logout", Map.of());
        Response r = session.post("/login?next=/assignments", "/login", Map.of("username", List.of(username),
                "password", List.of("correct horse battery"), "next", List.of("/assignments")));
        assertTrue(r.header("Location").endsWith("/assignments"), r.header("Location"));
        session.post("/", "/logout", Map.of());
        Response evil = session.post("/login", "/login", Map.of("username", List.of(username),
                "password", List.of("correct horse battery"), "next", List.of("//evil.example/")));
        assertTrue(evil.header("Location").endsWith("/classes"), evil.header("Location"));
    }
}
