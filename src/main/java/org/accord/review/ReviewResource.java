package org.accord.review;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.accord.account.Account;
import org.accord.account.CurrentUser;
import org.accord.account.Learner;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.Topic;
import org.accord.quiz.AnswerText;
import org.accord.quiz.FirstQuestions;
import org.accord.quiz.QuizService;
import org.accord.review.Flashcards.Front;
import org.accord.review.Flashcards.TopicCards;
import org.jboss.resteasy.reactive.RestForm;

/** Spaced review for a signed-in learner: the questions due today, flashcards, and the retention setting. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReviewResource {

    /** Questions in one review session; the rest stay due for the next. */
    static final int SESSION_SIZE = 20;
    static final List<String> RETENTIONS = List.of("0.80", "0.85", "0.90", "0.95", "0.97");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance review(long dueToday, long dueThisWeek, int sessionSize, String nextDue,
                String retention, List<Option> retentions, String error);

        static native TemplateInstance flashcards(List<TopicCards> topics);

        static native TemplateInstance card(Front front, String nextDue, String topicId, String topicTitle);

        static native TemplateInstance back(Front front, List<String> answer, String explanation, List<String> sources,
                List<Choice> ratings, int reps);
    }

    /** A retention target in the drop-down. */
    public record Option(String value, String label) {
    }

    /** One self-grading button: the rating and the interval it would give. */
    public record Choice(int grade, String label, String interval) {
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    ReviewService reviews;

    @Inject
    QuizService quizzes;

    @Inject
    FirstQuestions firstQuestions;

    @Inject
    Flashcards flashcards;

    @Inject
    BankStore bank;

    @GET
    @Path("review")
    public TemplateInstance reviewPage() {
        return reviewPage(learner(), null);
    }

    private TemplateInstance reviewPage(Learner learner, String error) {
        LocalDate today = reviews.today();
        long dueToday = reviews.countDue(learner, today);
        long dueWeek = reviews.countDue(learner, today.plusDays(7)) - dueToday;
        String nextDue = reviews.nextDueAfter(learner, today).map(DAY::format).orElse("");
        return Templates.review(dueToday, dueWeek, SESSION_SIZE, nextDue, String.format(java.util.Locale.ROOT, "%.2f", learner.desiredRetention),
                RETENTIONS.stream().map(r -> new Option(r, Math.round(Double.parseDouble(r) * 100) + "%")).toList(), error);
    }

    @POST
    @Path("review")
    public Response startReview() {
        long before = firstQuestions.before();
        Learner learner = learner();
        QuizService.NewAttempt attempt = quizzes.startReview(learner, SESSION_SIZE);
        if (attempt == null) {
            return Response.seeOther(URI.create("/review")).build();
        }
        firstQuestions.keep(attempt.first(), learner.id, before);
        return Response.seeOther(URI.create("/attempts/" + attempt.publicId() + "/questions/1")).build();
    }

    @POST
    @Path("review/retention")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response setRetention(@RestForm String retention) {
        Learner learner = learner();
        if (retention == null || !RETENTIONS.contains(retention)) {
            return Response.status(422).entity(reviewPage(learner, "Choose one of the listed retention targets.")).build();
        }
        Learner managed = Learner.findById(learner.id);
        managed.desiredRetention = Double.parseDouble(retention);
        return Response.seeOther(URI.create("/review")).build();
    }

    @GET
    @Path("flashcards")
    public TemplateInstance flashcardIndex() {
        return Templates.flashcards(flashcards.topics(learner()));
    }

    @GET
    @Path("flashcards/{topic}")
    public TemplateInstance nextCard(@PathParam("topic") String topicId) {
        Learner learner = learner();
        Topic topic = bank.topic(topicId).orElseThrow(NotFoundException::new);
        Optional<Front> front = flashcards.next(learner, topic);
        String nextDue = front.isPresent() ? "" : flashcards.nextDue(learner, topic).map(DAY::format).orElse("");
        return Templates.card(front.orElse(null), nextDue, topic.id(), topic.title());
    }

    @GET
    @Path("flashcards/{topic}/{question}")
    public TemplateInstance revealCard(@PathParam("topic") String topicId, @PathParam("question") String questionId) {
        Learner learner = learner();
        Topic topic = bank.topic(topicId).orElseThrow(NotFoundException::new);
        Question q = questionIn(topic, questionId);
        ReviewState state = reviews.state(learner, q.id());
        int[] days = reviews.preview(learner, q.id());
        List<Choice> ratings = java.util.Arrays.stream(Fsrs.Rating.values())
                .map(r -> new Choice(r.grade, r.label, days[r.grade - 1] == 1 ? "1 day" : days[r.grade - 1] + " days"))
                .toList();
        Front front = new Front(topic.id(), topic.title(), q.id(), q.prompt(), q.type().label(), Flashcards.options(q.key()),
                state == null ? "New card" : "Due for review", 0, 0);
        return Templates.back(front, AnswerText.key(q.key()), q.explanation(), q.sources(), ratings,
                state == null ? 0 : state.reps);
    }

    /**
     * Records a self-grade. The form carries the number of reviews the card had when it was shown,
     * so a second submit of the same page (a double click, a reload) is counted once.
     */
    @POST
    @Path("flashcards/{topic}/{question}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response gradeCard(@PathParam("topic") String topicId, @PathParam("question") String questionId,
            @RestForm String rating, @RestForm String reps) {
        Learner learner = learner();
        Topic topic = bank.topic(topicId).orElseThrow(NotFoundException::new);
        Question q = questionIn(topic, questionId);
        int grade = parse(rating);
        int shownReps = parse(reps);
        if (grade < 1 || grade > 4 || shownReps < 0) {
            throw new BadRequestException("rating must be 1 to 4 and reps a count");
        }
        reviews.recordFlashcard(learner, q.id(), Fsrs.Rating.of(grade), shownReps);
        return Response.seeOther(URI.create("/flashcards/" + topic.id())).build();
    }

    private Question questionIn(Topic topic, String questionId) {
        return bank.bank().question(questionId).filter(q -> q.topic().equals(topic.id())).orElseThrow(NotFoundException::new);
    }

    private static int parse(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Learner learner() {
        Account account = currentUser.requireAccount();
        return account.learner;
    }
}
