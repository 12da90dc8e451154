package org.accord.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SitePagesTest {

    @Test
    void healthReportsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anUnknownAddressGetsAFriendlyNotFoundPage() {
        Response r = given().get("/no/such/page");
        assertEquals(404, r.statusCode());
        Document page = WebSession.html(r);
        assertEquals("Page not found", page.selectFirst("h1").text());
        assertEquals("/", page.selectFirst("main a.button").attr("href"));
    }

    @Test
    void aWrongMethodGetsAPageWithoutAStackTrace() {
        Response r = new WebSession().request().get("/practice");
        assertEquals(405, r.statusCode());
        Document page = WebSession.html(r);
        assertEquals("Not available this way", page.selectFirst("h1").text());
        assertFalse(r.asString().contains("Exception"));
        assertFalse(r.asString().contains("at org."));
    }

    @Test
    void everyPageSharesTheLayoutWithASkipLinkAndOneMainHeading() {
        Document home = new WebSession().page("/");
        assertEquals("#main", home.selectFirst("a.skip").attr("href"));
        assertEquals(1, home.select("h1").size());
        assertEquals("en", home.selectFirst("html").attr("lang"));
    }
}
