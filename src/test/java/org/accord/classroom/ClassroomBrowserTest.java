package org.accord.classroom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.quiz.AttemptKeys;
import org.accord.web.Chromium;
import org.accord.web.TestClock;
import static org.accord.web.BrowserSteps.PASSWORD;
import static org.accord.web.BrowserSteps.account;
import static org.accord.web.BrowserSteps.answerCorrectly;
import static org.accord.web.BrowserSteps.signUp;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The classroom loop in a real Chromium: a teacher sets a timed assignment, two students join with the
 * code and take it (one fully, one running out of time), and the teacher reads the gradebook and its CSV.
 */
@QuarkusTest
class ClassroomBrowserTest {

    /** The teacher's browser's zone: the assignment form shows and reads its times in it. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** What a datetime-local input takes. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(BERLIN);
    private static final Pattern QUESTION_URL = Pattern.compile(".*/attempts/([0-9a-f-]{36})/questions/(\\d+)$");
    private static final Pattern JOIN_CODE = Pattern.compile("^[A-Z2-9]{4}-[A-Z2-9]{4}$");

    @TestHTTPResource("/")
    URL home;

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    private Chromium.Session chromium;

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.start();
    }

    @AfterEach
    void closeBrowserAndResetClock() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    void aTeacherSetsATimedAssignmentTwoStudentsTakeItAndTheGradebookAndCsvShowTheirScores() throws IOException {
        String run = Long.toString(System.nanoTime(), 36);
        QuestionSet set = bank.bank().sets().get(0);
        int total = set.questionIds().size();
        assertTrue(total >= 2, "the first curated set needs two questions or more to run out of time mid-way, has " + total);
        String className = "History 10B " + run;
        String title = "Founders check " + run;

        // 1. The teacher signs up, creates a class, reads its code, assigns the first set with a 5-minute limit, logs out.
        Page teacher = newPage("Europe/Berlin");
        String teacherUsername = "teacher." + run + "@school.example";
        signUp(teacher, "Ms Teacher", teacherUsername, "Teach");
        teacher.waitForURL("**/teacher/classes");
        assertThat(teacher.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My classes"))).isVisible();

        teacher.getByLabel("Class name").fill(className);
        teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create class")).click();
        assertThat(teacher.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(className).setLevel(1))).isVisible();
        Locator codeRegion = teacher.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Join code"));
        String joinCode = codeRegion.getByText(JOIN_CODE).textContent().strip();
        assertTrue(JOIN_CODE.matcher(joinCode).matches(), joinCode);

        teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New assignment")).click();
        assertThat(teacher.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New assignment"))).isVisible();
        teacher.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill(title);
        teacher.getByLabel("A curated question set").check();
        teacher.getByLabel("Question set", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel(set.title() + " (" + total + " questions)"));
        Instant due = clock.instant().plus(Duration.ofDays(1));
        teacher.getByLabel("Opens (Europe/Berlin)").fill(LOCAL.format(clock.instant().minus(Duration.ofMinutes(1))));
        teacher.getByLabel("Due (Europe/Berlin)").fill(LOCAL.format(due));
        teacher.getByLabel("Time limit in minutes").fill("5");
        teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).click();
        Locator assignmentRow = row(teacher, title);
        assertThat(assignmentRow).containsText(set.title());
        assertThat(assignmentRow).containsText("5 min");
        assertThat(assignmentRow).containsText(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH).format(due.atZone(BERLIN)));

        logOut(teacher);

        // 2. Two students sign up in their own browsers and join with the code typed in lower case.
        String adaName = "Ada Student " + run;
        String benName = "Ben Student " + run;
        String adaUsername = "ada." + run;
        String benUsername = "ben." + run;
        Page ada = newPage();
        Page ben = newPage();
        for (Object[] student : new Object[][] {{ada, adaName, adaUsername}, {ben, benName, benUsername}}) {
            Page page = (Page) student[0];
            signUp(page, (String) student[1], (String) student[2], "Learn");
            page.waitForURL("**/classes");
            Locator code = page.getByLabel("Join code from your teacher");
            code.fill(joinCode.toLowerCase());
            assertThat(code).hasValue(joinCode.toLowerCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join").setExact(true)).click();
            page.waitForURL("**/assignments");
            Locator listed = row(page, title);
            assertThat(listed).containsText(className);
            assertThat(listed.getByText("To do", new Locator.GetByTextOptions().setExact(true))).isVisible();
        }

        // 3. Ada answers every question correctly and gets full marks.
        String adaAttempt = start(ada, title);
        for (int number = 1; number <= total; number++) {
            answerCorrectly(ada, bank, adaAttempt, number);
            assertThat(ada.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Answer saved"))).isVisible();
            if (number < total) {
                ada.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next question")).click();
                ada.waitForURL("**/attempts/" + adaAttempt + "/questions/" + (number + 1));
            } else {
                ada.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See your results")).click();
                ada.waitForURL("**/attempts/" + adaAttempt + "/result");
            }
        }
        assertThat(ada.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your results"))).isVisible();
        assertThat(ada.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Score")))
                .containsText(total + " / " + total + " (100%)");
        assertThat(ada.locator("ol.review .verdict")).hasText(Collections.nCopies(total, "Correct").toArray(String[]::new));
        ada.navigate(home.toString() + "assignments");
        assertThat(row(ada, title).getByText("Done", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(row(ada, title).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("100%"))).isVisible();

        // 4. Ben answers one question, then the time runs out: his next answer is refused and the attempt is closed at the limit.
        String benAttempt = start(ben, title);
        assertThat(ben.getByRole(AriaRole.TIMER)).containsText("Time left");
        answerCorrectly(ben, bank, benAttempt, 1);
        assertThat(ben.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Answer saved"))).isVisible();
        ben.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next question")).click();
        ben.waitForURL("**/attempts/" + benAttempt + "/questions/2");
        assertThat(ben.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check answer"))).isVisible();

        clock.advance(Duration.ofMinutes(6));
        String lateQuestion = AttemptKeys.slot(bank, benAttempt, 2).question().prompt();
        answerCorrectly(ben, bank, benAttempt, 2);
        ben.waitForURL("**/attempts/" + benAttempt + "/result");
        int benPercent = (int) Math.round(100.0 / total);
        assertThat(ben.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Score")))
                .containsText("1 / " + total + " (" + benPercent + "%)");
        assertThat(ben.locator("#time-taken")).hasText("5 min 0 s");
        Locator refused = ben.getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHas(ben.getByRole(AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName(lateQuestion).setExact(true))));
        assertThat(refused).containsText("Not answered");

        // 5. The teacher logs back in and reads the gradebook, then downloads it as CSV.
        teacher.navigate(home.toString() + "login");
        teacher.getByLabel("Username or e-mail address").fill(teacherUsername);
        teacher.getByLabel("Password").fill(PASSWORD);
        teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        teacher.waitForURL("**/teacher/classes");
        teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(className)).click();
        assertThat(teacher.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Students (2)"))).isVisible();
        teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gradebook").setExact(true)).click();
        assertThat(teacher.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Gradebook: " + className))).isVisible();

        Locator table = teacher.getByRole(AriaRole.TABLE);
        assertThat(table.getByRole(AriaRole.COLUMNHEADER, new Locator.GetByRoleOptions().setName(title))).isVisible();
        assertThat(table.getByRole(AriaRole.ROWHEADER)).hasText(new String[] {adaName, benName});
        Locator adaCell = row(teacher, adaName).getByRole(AriaRole.CELL);
        assertThat(adaCell.getByRole(AriaRole.LINK)).hasText("100%");
        assertThat(adaCell).containsText("Done");
        Locator benCell = row(teacher, benName).getByRole(AriaRole.CELL);
        assertThat(benCell.getByRole(AriaRole.LINK)).hasText(benPercent + "%");
        assertThat(benCell).containsText("Done");
        assertThat(benCell).containsText("5 min 0 s");

        Download download = teacher.waitForDownload(
                () -> teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download as CSV")).click());
        assertTrue(download.suggestedFilename().endsWith("-gradebook.csv"), download.suggestedFilename());
        String body = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("\uFEFF"), "the CSV starts with a byte-order mark");
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(body.substring(1)),
                CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).build())) {
            records = parser.getRecords();
        }
        assertEquals(2, records.size(), "one row per student:\n" + body);
        Map<String, CSVRecord> byUsername = new HashMap<>();
        records.forEach(r -> byUsername.put(r.get("Username"), r));
        assertEquals(adaName, byUsername.get(adaUsername).get("Student"));
        assertEquals("100", byUsername.get(adaUsername).get(title + " - score %"));
        assertEquals("Done", byUsername.get(adaUsername).get(title + " - status"));
        assertEquals(benName, byUsername.get(benUsername).get("Student"));
        assertEquals(String.valueOf(benPercent), byUsername.get(benUsername).get(title + " - score %"));
        assertEquals("Done", byUsername.get(benUsername).get(title + " - status"));
        assertEquals("5 min 0 s", byUsername.get(benUsername).get(title + " - time taken"));
    }

    /** A page in a browser context of its own, so each person has their own cookies. */
    private Page newPage() {
        return newPage("UTC");
    }

    private Page newPage(String zone) {
        Page page = chromium.newPage(zone);
        page.navigate(home.toString());
        return page;
    }

    private void logOut(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(account(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Log in"))).isVisible();
    }

    /** The table row that mentions the text. */
    private static Locator row(Page page, String text) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Starts (or continues) the assignment from the student's list; returns the attempt id from the first question's URL. */
    private String start(Page page, String title) {
        page.navigate(home.toString() + "assignments");
        // the button is named "Start" plus the title in visually hidden text; find it in the assignment's row
        row(page, title).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start")).click();
        page.waitForURL(QUESTION_URL);
        Matcher url = QUESTION_URL.matcher(page.url());
        assertTrue(url.matches(), page.url());
        assertEquals("1", url.group(2), "a new attempt opens at its first question");
        return url.group(1);
    }
}
