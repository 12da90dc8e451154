package org.accord.web;

import static io.restassured.RestAssured.given;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** One browser's worth of cookies for page tests: GET pages as documents, POST their forms. */
public class WebSession {

    private final CookieFilter cookies = new CookieFilter();
    private String zone;

    public RequestSpecification request() {
        RequestSpecification request = given().filter(cookies).redirects().follow(false);
        return zone == null ? request : request.cookie(Zones.COOKIE, zone);
    }

    /** From now on sends the time-zone cookie a browser in this zone sets (the page layout's script). */
    public WebSession inZone(String zone) {
        this.zone = zone;
        return this;
    }

    public Document page(String path) {
        Response r = request().get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode());
        }
        return Jsoup.parse(r.asString(), "http://localhost" + path);
    }

    /** The CSRF token of the first form on the page, which also sets the cookie it pairs with. */
    public String csrfToken(String pagePath) {
        Element token = page(pagePath).selectFirst("input[name=csrf-token]");
        if (token == null) {
            throw new AssertionError("no CSRF field on " + pagePath);
        }
        return token.attr("value");
    }

    /** Posts a form as a browser would, with the CSRF token taken from {@code formPage}. */
    public Response post(String formPage, String action, Map<String, List<String>> fields) {
        Map<String, List<String>> all = new LinkedHashMap<>(fields);
        all.put("csrf-token", List.of(csrfToken(formPage)));
        return postRaw(action, all);
    }

    public Response postRaw(String action, Map<String, List<String>> fields) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            spec = spec.formParam(field.getKey(), field.getValue().toArray());
        }
        return spec.post(action);
    }

    /** Signs up a new account in this session and returns its username. */
    public String signUp(String displayName, String role) {
        String username = displayName.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "." + System.nanoTime();
        Response r = post("/signup", "/signup", Map.of("displayName", List.of(displayName), "username", List.of(username),
                "password", List.of("correct horse battery"), "role", List.of(role)));
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-up answered " + r.statusCode() + ": " + r.asString());
        }
        return username;
    }

    public static Document html(Response r) {
        return Jsoup.parse(r.asString());
    }
}
