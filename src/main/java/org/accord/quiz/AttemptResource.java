package org.accord.quiz;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.accord.account.CurrentUser;
import org.accord.account.Learner;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.Pages.ResultPage;
import org.accord.web.PageCache;
import org.eclipse.microprofile.context.ManagedExecutor;

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

    @Inject
    ManagedExecutor workers;

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

    /**
     * Saves an answer. The request gives up its worker thread while the answer waits for its batch
     * (AnswerWriter): a batch can then hold every answer in flight, not just one per worker thread,
     * which matters most where each commit waits for the disk (PostgreSQL). The rest runs on a worker.
     */
    @POST
    @Path("questions/{number}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    public CompletionStage<Response> answer(@PathParam("attemptId") String attemptId, @PathParam("number") int number,
            MultivaluedMap<String, String> form) {
        Learner learner = currentUser.learner();
        Map<String, List<String>> fields = form == null ? Map.of() : form;
        return workers.copy(quiz.answer(attemptId, learner, number, fields)).handleAsync((outcome, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause instanceof InvalidAnswerException e) {
                QuestionPage page = quiz.questionPage(attemptId, learner, number, fields, e);
                return Response.status(422).entity(Templates.question(page)).build();
            }
            if (cause != null) {
                // mapped as any error is (ErrorPages): a 404 for an attempt that is not the learner's, a 503 for an
                // answer the database did not take, else the 500 page
                throw cause instanceof RuntimeException e ? e : new IllegalStateException("the answer could not be saved", cause);
            }
            return Response.seeOther(URI.create(outcome == QuizService.AnswerOutcome.CLOSED ? resultUrl(attemptId)
                    : questionUrl(attemptId, number))).build();
        });
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
