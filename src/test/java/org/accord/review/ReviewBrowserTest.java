package org.accord.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.accord.web.BrowserSteps.answerCorrectly;
import static org.accord.web.BrowserSteps.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.web.Chromium;
import org.accord.web.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A self-learner in a real Chromium: practises a set, sees the dashboard change, and three days later
 * (the injected clock moved, no sleeping) reviews the questions that came due.
 */
@QuarkusTest
class ReviewBrowserTest {

    private static final Pattern QUESTION_URL = Pattern.compile(".*/attempts/([0-9a-f-]{36})/questions/(\\d+)$");
    private static final String SET = "the-founders";

    @TestHTTPResource("/")
    URL home;

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    private Chromium.Session chromium;
    private Page page;

    @BeforeEach
    void openBrowser() {
        clock.advanceToNoonUtc();
        chromium = Chromium.start();
        page = chromium.newPage();
    }

    @AfterEach
    void closeBrowser() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    void aLearnerPractisesSeesTheDashboardChangeAndReviewsWhatCameDueThreeDaysLater() {
        QuestionSet set = bank.bank().set(SET).orElseThrow();
        List<Question> questions = set.questionIds().stream().map(id -> bank.bank().question(id).orElseThrow()).toList();
        int total = questions.size();
        page.navigate(home.toString());
        signUp(page, "Sam Self-Learner", "sam." + Long.toString(System.nanoTime(), 36), "Learn");

        page.navigate(home + "progress");
        assertThat(page.locator("#empty")).isVisible();
        assertThat(page.locator("#answers-total")).hasText("0");

        // Day 0: the whole set, every answer right and quick.
        page.navigate(home.toString());
        page.locator("form:has(input[name=set][value='" + SET + "']) button[type=submit]").click();
        answerAll(total, "See your results");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your results"))).isVisible();

        page.navigate(home + "progress");
        assertThat(page.locator("#empty")).hasCount(0);
        assertThat(page.locator("#answers-total")).hasText(String.valueOf(total));
        assertThat(page.locator("#questions-met")).hasText(total + " of " + bank.bank().questions().size());
        assertThat(page.locator("#accuracy")).hasText("100%");
        assertThat(page.locator("#streak")).hasText("1 day");
        assertThat(page.locator("#due-today")).hasText("0");
        // Right and quick: Easy (8 days) for questions the bank rates easy, Good (3 days) for the others.
        long good = questions.stream().filter(q -> q.difficulty() != 1).count();
        assertThat(page.locator("#due-week")).hasText(String.valueOf(good));

        // Day 3: the Good ones are due; review them from the review page.
        clock.advance(Duration.ofDays(3));
        page.navigate(home + "progress");
        assertThat(page.locator("#due-today")).hasText(String.valueOf(good));
        assertThat(page.locator("#streak")).hasText("0 days");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review now")).click();
        assertThat(page.locator("#due-today")).hasText(good + " due today");
        page.getByRole(AriaRole.BUTTON).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Start review")).click();
        answerAll((int) good, "See your results");

        page.navigate(home + "review");
        assertThat(page.locator("#due-today")).hasText("0 due today");
        page.navigate(home + "progress");
        assertThat(page.locator("#answers-total")).hasText(String.valueOf(total + good));
        assertThat(page.locator("#due-today")).hasText("0");
        assertThat(page.locator("#streak")).hasText("1 day");
        assertThat(page.locator("#activity tbody tr")).hasCount(30);
    }

    /** Answers every question of the attempt on screen correctly, following the next links to the result page. */
    private void answerAll(int count, String lastLink) {
        page.waitForURL(QUESTION_URL);
        Matcher url = QUESTION_URL.matcher(page.url());
        assertTrue(url.matches(), page.url());
        String attempt = url.group(1);
        assertEquals("1", url.group(2));
        for (int n = 1; n <= count; n++) {
            answerCorrectly(page, bank, attempt, n);
            assertThat(page.locator("#verdict")).hasText("Correct");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(n == count ? lastLink : "Next question")).click();
            page.waitForURL(n == count ? "**/attempts/" + attempt + "/result" : "**/attempts/" + attempt + "/questions/" + (n + 1));
        }
    }
}
