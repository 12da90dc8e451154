package org.accord.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The packaged jar, as the run command and the Docker image start it, serves the quiz with the bank loaded. */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void thePackagedAppIsHealthyAndListsTheBanksTopics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Document home = Jsoup.parse(given().get("/").then().statusCode(200).extract().asString());
        assertEquals(4, home.select("li.topic").size());
        home.select("li.topic .meta").eachText().forEach(count -> assertEquals(true, count.matches("[1-9]\\d* questions?"), count));
    }
}
