package org.accord.classroom;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.List;
import org.accord.account.Account;
import org.accord.account.CurrentUser;
import org.accord.classroom.AssignmentService.StudentAssignment;
import org.accord.classroom.ClassroomService.ClassSummary;
import org.accord.quiz.FirstQuestions;
import org.jboss.resteasy.reactive.RestForm;

/** A student's pages: the classes they joined and the assignments they have to do. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StudentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance classes(List<ClassSummary> classes, String code, String error);

        static native TemplateInstance assignments(List<StudentAssignment> assignments, String error);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    ClassroomService classes;

    @Inject
    AssignmentService assignments;

    @Inject
    FirstQuestions firstQuestions;

    @GET
    @Path("classes")
    public TemplateInstance myClasses() {
        return Templates.classes(classes.joinedBy(currentUser.requireAccount()), "", null);
    }

    @POST
    @Path("classes/join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response join(@RestForm String code) {
        Account student = currentUser.requireAccount();
        String error = classes.join(student, code);
        if (error != null) {
            return Response.status(422).entity(Templates.classes(classes.joinedBy(student), code == null ? "" : code, error)).build();
        }
        return Response.seeOther(URI.create("/assignments")).build();
    }

    @POST
    @Path("classes/{classId}/leave")
    public Response leave(@PathParam("classId") String classId) {
        classes.leave(currentUser.requireAccount(), classId);
        return Response.seeOther(URI.create("/classes")).build();
    }

    @GET
    @Path("assignments")
    public TemplateInstance myAssignments() {
        return Templates.assignments(assignments.forStudent(currentUser.requireAccount()), null);
    }

    @POST
    @Path("assignments/{assignmentId}/start")
    public Response start(@PathParam("assignmentId") String assignmentId) {
        long before = firstQuestions.before();
        Account student = currentUser.requireAccount();
        try {
            AssignmentService.Started started = assignments.start(assignmentId, student);
            // a new attempt opens at its first question (one request less when a whole class starts at once), which
            // is kept ready for the redirect; one in progress goes where it was left
            String attempt = "/attempts/" + started.attemptId();
            if (started.resumed()) {
                return Response.seeOther(URI.create(attempt)).build();
            }
            firstQuestions.keep(started.first(), student.learner.id, before);
            return Response.seeOther(URI.create(attempt + "/questions/1")).build();
        } catch (AssignmentService.CannotStartException e) {
            return Response.status(409).entity(Templates.assignments(assignments.forStudent(student),
                    "This assignment cannot be started now: it is not open, it is past its due time, or you have used every attempt.")).build();
        }
    }
}
