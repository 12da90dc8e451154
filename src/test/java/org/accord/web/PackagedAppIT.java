package org.accord.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Path;
import org.accord.bank.BankParser;
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
        int topics = new BankParser().parseFolder(Path.of("questions")).topics().size();
        assertEquals(topics, home.select("#topics-heading + ul li.topic").size());
        home.select("#topics-heading + ul li.topic .meta").eachText().forEach(count -> assertEquals(true, count.matches("[1-9]\\d* questions?"), count));
    }
}
