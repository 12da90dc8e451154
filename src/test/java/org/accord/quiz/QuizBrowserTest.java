package org.accord.quiz;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accord.bank.BankStore;
import org.accord.web.Chromium;
import org.accord.bank.QuestionSet;
import org.accord.bank.QuestionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Takes a whole quiz in a real Chromium, as a learner who uses only the keyboard would. */
@QuarkusTest
class QuizBrowserTest {

    /** A curated set with an ordering and a matching question among its ten. */
    private static final String SET = "the-founders";
    /** More Tab presses than any page of the app has focusable elements, so a missing target fails instead of looping. */
    private static final int MAX_TABS = 60;
    private static final Pattern QUESTION_URL = Pattern.compile(".*/attempts/([0-9a-f-]{36})/questions/(\\d+)$");

    @TestHTTPResource("/")
    URL home;

    @Inject
    BankStore bank;

    private Chromium.Session chromium;
    private Page page;

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.start();
        page = chromium.newPage();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aLearnerCanTakeAWholeQuizWithTheKeyboardAloneAndScoreFullMarks() {
        QuestionSet set = bank.bank().set(SET).orElseThrow();
        int questionCount = set.questionIds().size();
        page.navigate(home.toString());

        String attemptId = practiseSetByKeyboard(set);
        assertThat(page.locator("label[for=progress]")).hasText("Question 1 of " + questionCount);

        Set<QuestionType> seen = EnumSet.noneOf(QuestionType.class);
        for (int number = 1; number <= questionCount; number++) {
            AttemptKeys.Slot slot = AttemptKeys.slot(bank, attemptId, number);
            seen.add(slot.question().type());
            answerByKeyboard(slot);

            pressEnterOn("form.question button[type=submit]");
            // The answer posts back to the same URL, so wait for the feedback rather than for a URL change.
            assertThat(page.locator("#verdict")).hasText("Correct");

            boolean last = number == questionCount;
            followAutofocusedNextLink(last ? "See your results" : "Next question");
            if (last) {
                page.waitForURL("**/attempts/" + attemptId + "/result");
            } else {
                page.waitForURL("**/attempts/" + attemptId + "/questions/" + (number + 1));
            }
        }

        assertTrue(seen.containsAll(EnumSet.of(QuestionType.ORDERING, QuestionType.MATCHING)),
                "the quiz should include ordering and matching questions, but had " + seen);
        assertThat(page.locator("#score")).hasText(questionCount + " / " + questionCount + " (100%)");
        assertThat(page.locator("ol.review > li")).hasCount(questionCount);
        String[] allCorrect = new String[questionCount];
        Arrays.fill(allCorrect, "Correct");
        assertThat(page.locator("ol.review > li .verdict")).hasText(allCorrect);
    }

    /** Tabs to the home page's button for the set and presses Enter; returns the new attempt's id. */
    private String practiseSetByKeyboard(QuestionSet set) {
        String button = "form:has(input[name=set][value='" + set.id() + "']) button[type=submit]";
        assertThat(page.locator(button)).hasCount(1);
        assertThat(page.locator(button)).hasAccessibleName("Practise this set: " + set.title());
        tabTo(button);
        page.keyboard().press("Enter");

        page.waitForURL(QUESTION_URL);
        Matcher url = QUESTION_URL.matcher(page.url());
        assertTrue(url.matches(), page.url());
        assertEquals("1", url.group(2), "a new quiz opens at its first question");
        return url.group(1);
    }

    /** Enters the correct answer to the question on the page, by keyboard. */
    private void answerByKeyboard(AttemptKeys.Slot slot) {
        Map<String, List<String>> form = AttemptKeys.correctForm(slot);
        switch (slot.question().type()) {
            case SINGLE -> chooseRadio("choice", form.get("choice").get(0));
            case TRUEFALSE -> chooseRadio("answer", form.get("answer").get(0));
            case MULTIPLE -> form.get("choice").stream()
                    .sorted(Comparator.comparingInt(Integer::parseInt)) // tick in tab order
                    .forEach(this::tickCheckbox);
            case NUMERIC, TEXT -> {
                tabTo("#answer");
                page.keyboard().type(form.get("answer").get(0));
                assertThat(page.locator("#answer")).hasValue(form.get("answer").get(0));
            }
            case ORDERING -> {
                int items = page.locator("form.question select").count();
                for (int d = 0; d < items; d++) {
                    pickOption("position-" + d, form.get("position-" + d).get(0));
                }
            }
            case MATCHING -> {
                int lefts = page.locator("form.question select").count();
                for (int i = 0; i < lefts; i++) {
                    pickOption("match-" + i, form.get("match-" + i).get(0));
                }
            }
        }
    }

    /** Tabs into a radio group, arrows to the wanted radio and selects it with Space. */
    private void chooseRadio(String name, String value) {
        String group = "input[type=radio][name=" + name + "]";
        tabTo(group);
        int radios = page.locator(group).count();
        for (int moves = 0; !activeElementMatches(group + "[value='" + value + "']"); moves++) {
            if (moves >= radios) {
                fail("no radio " + name + "=" + value + " reached with the arrow keys");
            }
            page.keyboard().press("ArrowDown");
        }
        // Arrows already select the radio they land on; Space selects the first one when no arrow was needed.
        page.keyboard().press("Space");
        assertThat(page.locator(group + "[value='" + value + "']")).isChecked();
    }

    private void tickCheckbox(String value) {
        String box = "input[type=checkbox][name=choice][value='" + value + "']";
        tabTo(box);
        page.keyboard().press("Space");
        assertThat(page.locator(box)).isChecked();
    }

    /** Tabs to a select and moves down from its placeholder (option 0) to the option with the given value. */
    private void pickOption(String selectId, String value) {
        Locator select = page.locator("#" + selectId);
        int index = (int) select.evaluate("(s, v) => [...s.options].findIndex(o => o.value === v)", value);
        assertTrue(index > 0, "#" + selectId + " has no option with value " + value);
        tabTo("#" + selectId);
        for (int i = 0; i < index; i++) {
            page.keyboard().press("ArrowDown");
        }
        assertThat(select).hasValue(value);
    }

    /** The feedback page focuses its next link itself; waits for that, checks the link and follows it with Enter. */
    private void followAutofocusedNextLink(String text) {
        try {
            page.waitForFunction("() => document.activeElement && document.activeElement.matches('nav.next a')");
        } catch (TimeoutError e) {
            fail("the feedback page on " + page.url() + " did not put focus on its next link (nav.next a)", e);
        }
        assertThat(page.locator("nav.next a")).hasText(text);
        page.keyboard().press("Enter");
    }

    private void pressEnterOn(String selector) {
        tabTo(selector);
        page.keyboard().press("Enter");
    }

    /** Presses Tab until the focused element matches the selector, failing after {@link #MAX_TABS} presses. */
    private void tabTo(String selector) {
        for (int presses = 0; presses <= MAX_TABS; presses++) {
            if (activeElementMatches(selector)) {
                return;
            }
            page.keyboard().press("Tab");
        }
        fail("Tab never reached " + selector + " in " + MAX_TABS + " presses on " + page.url()
                + "; focus ended on " + page.evaluate("() => document.activeElement && document.activeElement.outerHTML"));
    }

    private boolean activeElementMatches(String selector) {
        return (boolean) page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector);
    }
}
