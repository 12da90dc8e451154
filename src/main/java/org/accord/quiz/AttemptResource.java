package org.accord.quiz;

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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.accord.account.CurrentUser;
import org.accord.account.Learner;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.Pages.ResultPage;
import org.accord.web.PageCache;

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

    @Inject
    CurrentUser currentUser;

    @Inject
    PageCache pages;

    /** Resumes an attempt where it was left. */
    @GET
    public Response resume(@PathParam("attemptId") String attemptId) {
        int next = quiz.nextUnanswered(attemptId, currentUser.learner());
        return Response.seeOther(URI.create(next == 0 ? resultUrl(attemptId) : questionUrl(attemptId, next))).build();
    }

    @GET
    @Path("questions/{number}")
    public Response show(@PathParam("attemptId") String attemptId, @PathParam("number") int number) {
        Learner learner = currentUser.learner();
        PageCache.Ticket ticket = learner == null ? null : pages.ticket(learner.id);
        QuestionPage page = quiz.questionPage(attemptId, learner, number, Map.of(), null);
        if (page.finished() && page.feedback() == null) {
            // time ran out or the learner finished early: the unanswered question is closed
            return Response.seeOther(URI.create(resultUrl(attemptId))).build();
        }
        if (page.secondsLeft() != null) {
            return Response.ok(Templates.question(page)).build(); // its timer is as of now: rendered every time
        }
        byte[] body = Templates.question(page).render().getBytes(StandardCharsets.UTF_8);
        pages.store(ticket, body, page.closesAt());
        return Response.ok(body).build();
    }

    @POST
    @Path("questions/{number}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("attemptId") String attemptId, @PathParam("number") int number, MultivaluedMap<String, String> form) {
        Learner learner = currentUser.learner();
        Map<String, List<String>> fields = form == null ? Map.of() : form;
        try {
            if (quiz.answer(attemptId, learner, number, fields) == QuizService.AnswerOutcome.CLOSED) {
                return Response.seeOther(URI.create(resultUrl(attemptId))).build();
            }
        } catch (InvalidAnswerException e) {
            QuestionPage page = quiz.questionPage(attemptId, learner, number, fields, e);
            return Response.status(422).entity(Templates.question(page)).build();
        }
        return Response.seeOther(URI.create(questionUrl(attemptId, number))).build();
    }

    @POST
    @Path("finish")
    public Response finish(@PathParam("attemptId") String attemptId) {
        quiz.finish(attemptId, currentUser.learner());
        return Response.seeOther(URI.create(resultUrl(attemptId))).build();
    }

    @GET
    @Path("result")
    public Response result(@PathParam("attemptId") String attemptId) {
        try {
            return Response.ok(Templates.result(quiz.result(attemptId, currentUser.learner()))).build();
        } catch (QuizService.NotFinishedException e) {
            return Response.seeOther(URI.create("/attempts/" + attemptId)).build();
        }
    }

    static String questionUrl(String attemptId, int number) {
        return "/attempts/" + attemptId + "/questions/" + number;
    }

    static String resultUrl(String attemptId) {
        return "/attempts/" + attemptId + "/result";
    }
}
