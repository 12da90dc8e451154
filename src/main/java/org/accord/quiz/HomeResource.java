package org.accord.quiz;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.accord.account.CurrentUser;
import org.accord.account.Guests;
import org.accord.account.Learner;
import org.accord.quiz.Pages.AttemptSummary;
import org.accord.quiz.Pages.SetSummary;
import org.accord.quiz.Pages.TopicSummary;
import org.accord.web.AccordConfig;
import org.jboss.resteasy.reactive.RestForm;

/** The home page: the bank's topics, unfinished attempts, and the forms that start a practice quiz. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<TopicSummary> topics, List<SetSummary> sets, List<AttemptSummary> unfinished,
                int maxCount, List<String> selected, String count, Map<String, String> errors);
    }

    @Inject
    QuizService quiz;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccordConfig config;

    @Inject
    FirstQuestions firstQuestions;

    @GET
    public TemplateInstance index() {
        List<String> all = quiz.topics().stream().map(TopicSummary::id).toList();
        return page(currentUser.learner(), all, String.valueOf(config.practice().defaultQuestions()), Map.of());
    }

    @POST
    @Path("practice")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@RestForm List<String> topic, @RestForm String count, @RestForm String set) {
        long before = firstQuestions.before();
        Learner learner = currentUser.learner();
        if (set != null && !set.isBlank()) {
            if (quiz.sets().stream().noneMatch(s -> s.id().equals(set))) {
                return Response.status(422).entity(page(learner, List.of(), String.valueOf(config.practice().defaultQuestions()),
                        Map.of("set", "Choose a question set from the list."))).build();
            }
            return begin(learner, before, l -> quiz.startSet(l, set));
        }
        List<String> topics = topic == null ? List.of() : topic;
        String countText = count == null || count.isBlank() ? String.valueOf(config.practice().defaultQuestions()) : count.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> known = quiz.topics().stream().map(TopicSummary::id).toList();
        if (topics.isEmpty()) {
            errors.put("topic", "Choose at least one topic.");
        } else if (!known.containsAll(topics)) {
            errors.put("topic", "Choose topics from the list.");
        }
        int questions;
        try {
            questions = Integer.parseInt(countText);
        } catch (NumberFormatException e) {
            questions = -1;
        }
        int max = config.practice().maxQuestions();
        if (questions < 1 || questions > max) {
            errors.put("count", "Enter a whole number of questions from 1 to " + max + ".");
        }
        if (!errors.isEmpty()) {
            return Response.status(422).entity(page(learner, topics, countText, errors)).build();
        }
        int chosenCount = questions;
        return begin(learner, before, l -> quiz.startPractice(l, topics, chosenCount));
    }

    /**
     * Starts an attempt for the learner, making a guest first where there is none yet; its first question is kept
     * for the redirect (FirstQuestions) unless the redirect will come back with the new guest's cookie, which no
     * kept page would match.
     */
    private Response begin(Learner known, long before, Function<Learner, QuizService.NewAttempt> start) {
        Learner learner = known == null ? quiz.newGuest() : known;
        QuizService.NewAttempt attempt = start.apply(learner);
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(AttemptResource.questionUrl(attempt.publicId(), 1)));
        if (known == null) {
            redirect.cookie(Guests.cookie(learner));
        } else {
            firstQuestions.keep(attempt.first(), learner.id, before);
        }
        return redirect.build();
    }

    private TemplateInstance page(Learner learner, List<String> selected, String count, Map<String, String> errors) {
        return Templates.index(quiz.topics(), quiz.sets(), quiz.unfinished(learner), config.practice().maxQuestions(), selected,
                count, errors);
    }
}
