package org.accord.classroom;

import io.netty.buffer.Unpooled;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.accord.account.Account;
import org.accord.account.CurrentUser;
import org.accord.bank.BankStore;
import org.accord.bank.QuestionSet;
import org.accord.bank.Topic;
import org.accord.classroom.AssignmentService.Gradebook;
import org.accord.classroom.AssignmentService.Stats;
import org.accord.classroom.ClassroomService.ClassSummary;
import org.accord.classroom.ClassroomService.RosterEntry;
import org.accord.quiz.Pages.ResultPage;
import org.accord.quiz.QuizService;
import org.accord.web.AccordConfig;
import org.accord.web.PageCache;
import org.accord.web.Zones;
import org.jboss.resteasy.reactive.RestForm;

/** A teacher's pages: classes, join codes, rosters, assignments and the gradebook. Only for the class's teacher. */
@Path("/teacher")
@Produces(MediaType.TEXT_HTML)
public class TeacherResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance classes(List<ClassSummary> classes, String name, String error);

        static native TemplateInstance classroom(ClassSummary summary, List<RosterEntry> roster,
                List<AssignmentService.AssignmentRow> assignments);

        static native TemplateInstance newAssignment(ClassSummary summary, AssignmentForm form, Map<String, String> errors,
                List<QuestionSet> sets, List<Topic> topics);

        static native TemplateInstance gradebook(String classId, String className, String grid);

        static native TemplateInstance gradebookGrid(Gradebook book);

        static native TemplateInstance stats(Stats stats);

        static native TemplateInstance attempt(ResultPage result, String classId);
    }

    /** Where the shared grid goes in the gradebook page: random, so no class name or title can contain it. */
    private static final String GRID_MARKER = "grid-" + java.util.UUID.randomUUID();
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    CurrentUser currentUser;

    @Inject
    ClassroomService classes;

    @Inject
    AssignmentService assignments;

    @Inject
    QuizService quiz;

    @Inject
    BankStore bank;

    @Inject
    Zones zones;

    @Inject
    Clock clock;

    @Inject
    GridCache grids;

    @Inject
    PageCache pages;

    @Inject
    AccordConfig config;

    @GET
    @Path("classes")
    public TemplateInstance list() {
        return Templates.classes(classes.taughtBy(currentUser.requireTeacher()), "", null);
    }

    @POST
    @Path("classes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name) {
        Account teacher = currentUser.requireTeacher();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            return Response.status(422).entity(Templates.classes(classes.taughtBy(teacher), name == null ? "" : name,
                    "Give the class a name of up to 100 characters.")).build();
        }
        return seeOther("/teacher/classes/" + classes.create(teacher, name));
    }

    @GET
    @Path("classes/{classId}")
    public TemplateInstance classroom(@PathParam("classId") String classId) {
        Classroom c = classes.owned(classId, currentUser.requireTeacher());
        return Templates.classroom(summary(c), classes.roster(c), assignments.of(c));
    }

    @POST
    @Path("classes/{classId}/code")
    public Response rotate(@PathParam("classId") String classId) {
        classes.rotateCode(classId, currentUser.requireTeacher());
        return seeOther("/teacher/classes/" + classId);
    }

    @POST
    @Path("classes/{classId}/students/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("classId") String classId, @RestForm String username) {
        classes.remove(classId, currentUser.requireTeacher(), username);
        grids.forget(classes.owned(classId, currentUser.requireTeacher()));
        pages.everyoneChanged();
        return seeOther("/teacher/classes/" + classId);
    }

    @GET
    @Path("classes/{classId}/assignments/new")
    public TemplateInstance newAssignment(@PathParam("classId") String classId) {
        Classroom c = classes.owned(classId, currentUser.requireTeacher());
        return Templates.newAssignment(summary(c), AssignmentForm.blank(clock.instant(), zones.viewer()), Map.of(),
                bank.bank().sets(), bank.topics());
    }

    @POST
    @Path("classes/{classId}/assignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createAssignment(@PathParam("classId") String classId, @RestForm String title, @RestForm String source,
            @RestForm String setId, @RestForm List<String> topics, @RestForm String tags, @RestForm String difficulty,
            @RestForm String count, @RestForm String opensAt, @RestForm String dueAt, @RestForm String timeLimit,
            @RestForm String attempts, @RestForm String counting, @RestForm String shuffleQuestions,
            @RestForm String shuffleChoices, @RestForm String reveal, @RestForm String zone) {
        Classroom c = classes.owned(classId, currentUser.requireTeacher());
        AssignmentForm form = new AssignmentForm(title, source, setId, topics, tags, difficulty, count, opensAt, dueAt,
                timeLimit, attempts, counting, "on".equals(shuffleQuestions), "on".equals(shuffleChoices), reveal, zone);
        Map<String, String> errors = assignments.check(form);
        if (!errors.isEmpty()) {
            return Response.status(422).entity(Templates.newAssignment(summary(c), form.knownZoneOr(zones.viewer()), errors,
                    bank.bank().sets(), bank.topics())).build();
        }
        assignments.create(c, form);
        grids.forget(c);
        pages.everyoneChanged();
        return seeOther("/teacher/classes/" + classId);
    }

    @GET
    @Path("classes/{classId}/gradebook")
    public Response gradebook(@PathParam("classId") String classId) {
        Account teacher = currentUser.requireTeacher();
        PageCache.Ticket ticket = pages.ticket(teacher.learner.id);
        Classroom c = classes.owned(classId, teacher);
        // The grid is the costly part and the same for every view of the class, so it is shared (GridCache) as UTF-8
        // bytes; the page around it carries this visitor's own form tokens, so it is rendered per visitor, with a
        // marker where the grid goes. The whole page is then kept for this visitor (PageCache) while its grid is.
        GridCache.Shared grid = grids.grid(c, () -> {
            Gradebook book = assignments.gradebook(c);
            return new GridCache.Rendered(Templates.gradebookGrid(book).render().getBytes(StandardCharsets.UTF_8),
                    book.learners(), book.changesAt());
        });
        String page = Templates.gradebook(c.publicId, c.name, GRID_MARKER).render();
        int at = page.lastIndexOf(GRID_MARKER);
        byte[] head = page.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = page.substring(at + GRID_MARKER.length()).getBytes(StandardCharsets.UTF_8);
        Duration maxAge = config.gradebook().maxAge();
        pages.store(ticket, grid.checkedAt().plus(maxAge), grid.checkedAt().plus(maxAge.multipliedBy(2)), head, grid.html(), tail);
        // sent as three parts without copying the grid
        return Response.ok(Buffer.buffer(Unpooled.wrappedBuffer(head, grid.html(), tail))).type(HTML).build();
    }

    @GET
    @Path("classes/{classId}/gradebook.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("classId") String classId) {
        Classroom c = classes.owned(classId, currentUser.requireTeacher());
        String fileName = c.name.replaceAll("[^A-Za-z0-9._-]+", "-") + "-gradebook.csv";
        return Response.ok(assignments.csv(c).getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    @GET
    @Path("assignments/{assignmentId}")
    public TemplateInstance stats(@PathParam("assignmentId") String assignmentId) {
        return Templates.stats(assignments.stats(assignmentId, currentUser.requireTeacher()));
    }

    @GET
    @Path("attempts/{attemptId}")
    public TemplateInstance attempt(@PathParam("attemptId") String attemptId) {
        Account teacher = currentUser.requireTeacher();
        return Templates.attempt(quiz.resultForTeacher(attemptId, teacher), "");
    }

    private ClassSummary summary(Classroom c) {
        return new ClassSummary(c.publicId, c.name, c.joinCode, 0, 0, "");
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
