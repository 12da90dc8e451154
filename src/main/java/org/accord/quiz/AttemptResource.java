package org.accord.quiz;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.accord.account.Guests;
import org.accord.account.Learner;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.Pages.ResultPage;

/** Taking an attempt: one question per page, feedback after each answer, then the result. */
@Path("/attempts/{attemptId}")
@Produces(MediaType.TEXT_HTML)
public class AttemptResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance question(QuestionPage page);

        static native TemplateInstance result(ResultPage result);
    }

    @Inject
    QuizService quiz;

    /** Resumes an attempt where it was left. */
    @GET
    public Response resume(@PathParam("attemptId") String attemptId, @CookieParam(Guests.COOKIE) String guest) {
        int next = quiz.nextUnanswered(attemptId, Guests.find(guest));
        return Response.seeOther(URI.create(next == 0 ? result(attemptId) : question(attemptId, next))).build();
    }

    @GET
    @Path("questions/{number}")
    public TemplateInstance show(@PathParam("attemptId") String attemptId, @PathParam("number") int number,
            @CookieParam(Guests.COOKIE) String guest) {
        return Templates.question(quiz.questionPage(attemptId, Guests.find(guest), number, Map.of(), null));
    }

    @POST
    @Path("questions/{number}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("attemptId") String attemptId, @PathParam("number") int number,
            @CookieParam(Guests.COOKIE) String guest, MultivaluedMap<String, String> form) {
        Learner learner = Guests.find(guest);
        Map<String, List<String>> fields = form == null ? Map.of() : form;
        try {
            quiz.answer(attemptId, learner, number, fields);
        } catch (InvalidAnswerException e) {
            QuestionPage page = quiz.questionPage(attemptId, learner, number, fields, e);
            return Response.status(422).entity(Templates.question(page)).build();
        }
        return Response.seeOther(URI.create(question(attemptId, number))).build();
    }

    @POST
    @Path("finish")
    public Response finish(@PathParam("attemptId") String attemptId, @CookieParam(Guests.COOKIE) String guest) {
        quiz.finish(attemptId, Guests.find(guest));
        return Response.seeOther(URI.create(result(attemptId))).build();
    }

    @GET
    @Path("result")
    public Response result(@PathParam("attemptId") String attemptId, @CookieParam(Guests.COOKIE) String guest) {
        try {
            return Response.ok(Templates.result(quiz.result(attemptId, Guests.find(guest)))).build();
        } catch (QuizService.NotFinishedException e) {
            return Response.seeOther(URI.create("/attempts/" + attemptId)).build();
        }
    }

    static String question(String attemptId, int number) {
        return "/attempts/" + attemptId + "/questions/" + number;
    }

    static String result(String attemptId) {
        return "/attempts/" + attemptId + "/result";
    }
}
