package org.accord.classroom;

import static org.accord.classroom.ClassroomPagesTest.assign;
import static org.accord.classroom.ClassroomPagesTest.classOf;
import static org.accord.classroom.ClassroomPagesTest.join;
import static org.accord.classroom.ClassroomPagesTest.joinCode;
import static org.accord.classroom.ClassroomPagesTest.startAttempt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.accord.bank.BankStore;
import org.accord.quiz.AttemptKeys;
import org.accord.web.TestClock;
import org.accord.web.WebSession;
import org.accord.web.Zones;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gradebook grid is shared between views for {@code accord.gradebook.max-age} (GridCache). Here it is an
 * hour, so nothing but the teacher's own change can make the grid new before the clock is moved on. Past
 * that it is rendered again only if something it shows changed, for up to {@code unchanged-max-age} (here
 * five hours).
 */
@QuarkusTest
@TestProfile(GradebookFreshnessTest.HourLongGrids.class)
class GradebookFreshnessTest {

    public static class HourLongGrids implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("accord.gradebook.max-age", "PT1H", "accord.gradebook.unchanged-max-age", "PT5H");
        }
    }

    @Inject
    BankStore bank;

    @Inject
    TestClock clock;

    @Inject
    GridCache grids;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theTeachersNewAssignmentShowsAtOnceAndAStudentsScoreOnceTheGridIsOld() {
        WebSession teacher = new WebSession();
        WebSession student = new WebSession();
        ClassroomPagesTest.Assigned fresh = ClassroomPagesTest.assigned(teacher, "Mr Fresh", "Fresh", "First check",
                Map.of("setId", bank.bank().sets().get(0).id()), student, "Quick Quentin");
        String classId = fresh.classId();
        String first = fresh.assignmentId();
        String gradebook = "/teacher/classes/" + classId + "/gradebook";
        assertEquals(List.of("Student", "First check"), teacher.page(gradebook).select("#gradebook thead th").eachText());

        assign(teacher, classId, "Second check", Map.of("setId", bank.bank().sets().get(0).id()));
        assertEquals(List.of("Student", "First check", "Second check"), teacher.page(gradebook).select("#gradebook thead th").eachText(),
                "the teacher's own change is not hidden behind the shared grid");

        String attemptId = startAttempt(student, first);
        int total = bank.bank().sets().get(0).questionIds().size();
        for (int n = 1; n <= total; n++) {
            student.post("/classes", "/attempts/" + attemptId + "/questions/" + n, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, n)));
        }
        Element row = teacher.page(gradebook).selectFirst("#gradebook tbody tr");
        assertEquals("", row.selectFirst("td").select("a").text(), "within the max-age the shared grid is shown: " + row.text());

        clock.advance(Duration.ofHours(1));
        row = teacher.page(gradebook).selectFirst("#gradebook tbody tr");
        assertEquals("100%", row.selectFirst("td a").text(), row.text());
        assertEquals("Done", row.selectFirst("td .status").text());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnchangedGridIsKeptWithoutRenderingAndEachKindOfChangeShowsOnceItIsOld() {
        WebSession teacher = new WebSession();
        teacher.signUp("Ms Still", "teacher");
        String classId = classOf(teacher, "Still");
        String setId = bank.bank().sets().get(0).id();
        // due in six hours: it falls due while the grid is still within its unchanged max-age
        String first = assign(teacher, classId, "Quiet check", Map.of("setId", setId,
                "dueAt", AssignmentForm.local(Instant.now().plus(Duration.ofHours(6)), Zones.UTC)));
        WebSession student = new WebSession();
        student.signUp("Steady Stella", "learner");
        String code = joinCode(teacher, classId);
        join(student, code);
        String gradebook = "/teacher/classes/" + classId + "/gradebook";
        String before = teacher.page(gradebook).select("#gradebook").outerHtml();
        long renders = grids.rendered();

        clock.advance(Duration.ofHours(2));
        assertEquals(before, teacher.page(gradebook).select("#gradebook").outerHtml());
        assertEquals(renders, grids.rendered(), "nothing changed: the old grid was checked, not rendered again");

        String attemptId = startAttempt(student, first);
        clock.advance(Duration.ofHours(1));
        Element row = teacher.page(gradebook).selectFirst("#gradebook tbody tr");
        assertEquals("In progress", row.selectFirst("td .status").text(), "starting is a change: " + row.text());
        assertEquals(renders + 1, grids.rendered());

        int total = bank.bank().sets().get(0).questionIds().size();
        for (int n = 1; n <= total; n++) {
            student.post("/classes", "/attempts/" + attemptId + "/questions/" + n, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, n)));
        }
        clock.advance(Duration.ofHours(1));
        row = teacher.page(gradebook).selectFirst("#gradebook tbody tr");
        assertEquals("100%", row.selectFirst("td a").text(), "the student's work is a change: " + row.text());
        assertEquals(renders + 2, grids.rendered());

        WebSession late = new WebSession();
        late.signUp("Late Larry", "learner");
        join(late, code);
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of("Late Larry", "Steady Stella"), teacher.page(gradebook).select("#gradebook tbody th").eachText(),
                "a student joining is a change");

        // the assignment falls due an hour after the grid was read: nobody wrote, but the clock
        // changed what the grid says
        renders = grids.rendered();
        clock.advance(Duration.ofMinutes(90));
        Element larry = teacher.page(gradebook).selectFirst("#gradebook tbody tr");
        assertEquals("Overdue", larry.selectFirst("td .status").text(), larry.text());
        assertEquals(renders + 1, grids.rendered());

        renders = grids.rendered();
        clock.advance(Duration.ofHours(4));
        String quiet = teacher.page(gradebook).select("#gradebook").outerHtml();
        assertEquals(renders, grids.rendered(), "still unchanged four hours later");
        clock.advance(Duration.ofHours(2));
        assertEquals(quiet, teacher.page(gradebook).select("#gradebook").outerHtml());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (grids.rendered() == renders && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertEquals(renders + 1, grids.rendered(), "past the unchanged max-age the grid is read again, changed or not, "
                + "in the background while the view is served the quiet grid");

        // long past twice the unchanged max-age the view waits for the grid to be read again
        clock.advance(Duration.ofHours(11));
        renders = grids.rendered();
        teacher.page(gradebook);
        assertEquals(renders + 1, grids.rendered());
    }
}
