package org.accord.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.accord.account.Account;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.bank.QuestionSet;
import org.accord.quiz.Answer;
import org.accord.quiz.Attempt;
import org.accord.quiz.Pages.QuestionPage;
import org.accord.quiz.QuizService;
import org.accord.web.Zones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hibernate.jpa.HibernateHints;

/** Assignments: setting them, students taking them, and the teacher's gradebook. */
@ApplicationScoped
public class AssignmentService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    BankStore bank;

    @Inject
    Zones zones;

    @Inject
    QuizService quiz;

    @Inject
    Clock clock;

    public record AssignmentRow(String id, String title, String source, String opens, String due, String limit,
            int attempts, String counting, String reveal) {
    }

    public record StudentAssignment(String id, String title, String className, String due, String status,
            String statusClass, String score, boolean canStart, String startLabel, String resultUrl) {
    }

    public record Cell(String status, String score, String time, String attemptId) {
    }

    public record GradebookRow(String student, String username, List<Cell> cells) {
    }

    /**
     * A class's gradebook; {@code learners} are the students' learner ids, {@code changesAt} the first moment
     * the clock alone changes it (an assignment opening or falling due, an attempt's time running out), or null.
     */
    public record Gradebook(String classId, String className, List<AssignmentRow> assignments, List<GradebookRow> rows,
            long[] learners, Instant changesAt) {
    }

    public record QuestionStat(String prompt, long answered, long right, int percent) {
    }

    public record Bucket(String label, long count, int width) {
    }

    public record Stats(String classId, String title, long students, long graded, List<Bucket> distribution,
            List<QuestionStat> questions) {
    }

    /** The assignment is not open, is past due, or every attempt is used. */
    public static class CannotStartException extends RuntimeException {
    }

    /** Checks that need the bank; adds to the form's own. */
    public Map<String, String> check(AssignmentForm form) {
        Map<String, String> errors = form.errors();
        if ("set".equals(form.source()) && bank.bank().set(form.setId()).isEmpty()) {
            errors.put("setId", "Choose one of the question sets.");
        }
        if ("compose".equals(form.source()) && !errors.containsKey("count") && !errors.containsKey("difficulty")) {
            if (!bank.topics().stream().map(t -> t.id()).toList().containsAll(form.topics())) {
                errors.put("topics", "Choose topics from the list.");
            } else {
                int available = pool(form.topics(), tags(form.tags()), difficulty(form.difficulty())).size();
                int wanted = AssignmentForm.number(form.count(), 1, 100);
                if (available < wanted) {
                    errors.put("count", "Only " + available + " question" + (available == 1 ? "" : "s")
                            + " match these topics, tags and difficulty; ask for fewer or widen the choice.");
                }
            }
        }
        return errors;
    }

    @Transactional
    public String create(Classroom classroom, AssignmentForm form) {
        Assignment a = new Assignment();
        a.publicId = UUID.randomUUID().toString();
        a.classroom = Classroom.findById(classroom.id);
        a.title = form.title().strip();
        if ("set".equals(form.source())) {
            QuestionSet set = bank.bank().set(form.setId()).orElseThrow();
            a.setId = set.id();
            a.questionCount = set.questionIds().size();
        } else {
            a.topics = String.join(",", form.topics());
            a.tags = String.join(",", tags(form.tags()));
            a.difficulty = difficulty(form.difficulty());
            a.questionCount = AssignmentForm.number(form.count(), 1, 100);
        }
        a.opensAt = form.opens();
        a.dueAt = form.due();
        a.timeLimitMinutes = form.timeLimit() == null || form.timeLimit().isBlank() ? null : AssignmentForm.number(form.timeLimit(), 1, 600);
        a.attemptsAllowed = AssignmentForm.number(form.attempts(), 1, 10);
        a.counting = Assignment.Counting.valueOf(form.counting());
        a.shuffleQuestions = form.shuffleQuestions();
        a.shuffleChoices = form.shuffleChoices();
        a.reveal = Assignment.Reveal.valueOf(form.reveal());
        a.createdAt = clock.instant();
        a.persist();
        return a.publicId;
    }

    @Transactional
    public List<AssignmentRow> of(Classroom classroom) {
        return Assignment.of(classroom).stream().map(this::row).toList();
    }

    /** Every assignment of every class the student is in, with where the student stands. */
    @Transactional
    public List<StudentAssignment> forStudent(Account student) {
        Instant now = clock.instant();
        List<StudentAssignment> list = new ArrayList<>();
        for (Enrolment e : Enrolment.classesOf(student)) {
            for (Assignment a : Assignment.of(e.classroom)) {
                list.add(standing(a, student, now, e.classroom.name));
            }
        }
        return list;
    }

    /**
     * An attempt a Start led to: a new one, or the one already in progress. {@code first} is a new attempt's first
     * question page as committed (null for one resumed).
     */
    public record Started(String attemptId, boolean resumed, QuestionPage first) {
    }

    /** Starts the student's next attempt, or returns the one in progress. */
    @Transactional
    public Started start(String assignmentId, Account student) {
        Assignment a = Assignment.byPublicId(assignmentId).orElseThrow(NotFoundException::new);
        Account s = Account.findById(student.id);
        if (Enrolment.of(a.classroom, s).isEmpty()) {
            throw new NotFoundException();
        }
        Instant now = clock.instant();
        List<Attempt> attempts = attempts(a, s, now);
        for (Attempt attempt : attempts) {
            if (!attempt.finished()) {
                return new Started(attempt.publicId, true, null);
            }
        }
        if (!a.open(now) || a.pastDue(now) || attempts.size() >= a.attemptsAllowed) {
            throw new CannotStartException();
        }
        List<Question> questions = questionsFor(a);
        Instant deadline = a.timeLimitMinutes == null ? a.dueAt : min(now.plus(Duration.ofMinutes(a.timeLimitMinutes)), a.dueAt);
        QuizService.NewAttempt created = quiz.createAttempt(s.learner, a.title, questions, a, now, deadline, a.shuffleChoices);
        return new Started(created.publicId(), false, created.first());
    }

    @Transactional
    public Gradebook gradebook(Classroom classroom) {
        Instant now = clock.instant();
        List<Assignment> assignments = Assignment.of(classroom);
        // The whole class is read in one query of plain columns: 4,000 managed entities cost more to load and
        // check at commit than the page costs to render. Attempts whose time ran out, seen in it, are closed
        // here (few, and written) so the page shows them as the student will.
        Instant changesAt = null;
        for (Assignment a : assignments) {
            for (Instant at : List.of(a.opensAt, a.dueAt)) {
                if (at.isAfter(now)) {
                    changesAt = changesAt == null ? at : min(changesAt, at);
                }
            }
        }
        Map<List<Long>, List<Attempt>> byCell = new HashMap<>();
        for (Object row : Attempt.getEntityManager().createQuery("select a.assignment.id, a.learner.id, a.publicId, a.startedAt, "
                + "a.finishedAt, a.score, a.maxScore, a.deadlineAt, a.id from Attempt a where a.assignment.classroom = ?1 "
                + "order by a.startedAt, a.id")
                .setParameter(1, classroom).getResultList()) {
            Object[] r = (Object[]) row;
            // a plain copy of the fields a cell reads: no managed entity to hydrate or check at commit
            Attempt copy = new Attempt();
            copy.publicId = (String) r[2];
            copy.startedAt = (Instant) r[3];
            copy.finishedAt = (Instant) r[4];
            copy.score = (Double) r[5];
            copy.maxScore = (Integer) r[6];
            copy.deadlineAt = (Instant) r[7];
            if (!copy.finished() && copy.deadlineAt != null && copy.deadlineAt.isAfter(now)) {
                changesAt = changesAt == null ? copy.deadlineAt : min(changesAt, copy.deadlineAt);
            }
            if (copy.expired(now) && !copy.finished()) {
                // locked as an answer locks it: an answer saved at the deadline is counted in the score, not lost
                Attempt expired = Attempt.findById(r[8], LockModeType.PESSIMISTIC_WRITE);
                quiz.closeIfExpired(expired, now);
                copy.finishedAt = expired.finishedAt;
                copy.score = expired.score;
            }
            byCell.computeIfAbsent(List.of((Long) r[0], (Long) r[1]), k -> new ArrayList<>()).add(copy);
        }
        List<GradebookRow> rows = new ArrayList<>();
        List<Long> learners = new ArrayList<>();
        for (Enrolment e : Enrolment.<Enrolment>find("from Enrolment e join fetch e.student s where e.classroom = ?1 "
                + "order by lower(s.displayName)", classroom).withHint(HibernateHints.HINT_READ_ONLY, true).list()) {
            List<Cell> cells = new ArrayList<>();
            for (Assignment a : assignments) {
                cells.add(cell(a, byCell.getOrDefault(List.of(a.id, e.student.learner.id), List.of()), now));
            }
            rows.add(new GradebookRow(e.student.displayName, e.student.username, cells));
            learners.add(e.student.learner.id);
        }
        return new Gradebook(classroom.publicId, classroom.name, assignments.stream().map(this::row).toList(), rows,
                learners.stream().mapToLong(Long::longValue).toArray(), changesAt);
    }

    /** The gradebook as CSV: UTF-8 with a byte-order mark so spreadsheets read accents right; one row per student. */
    @Transactional
    public String csv(Classroom classroom) {
        Gradebook book = gradebook(classroom);
        List<String> header = new ArrayList<>(List.of("Student", "Username"));
        for (AssignmentRow a : book.assignments()) {
            header.add(a.title() + " - score %");
            header.add(a.title() + " - status");
            header.add(a.title() + " - time taken");
        }
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (GradebookRow row : book.rows()) {
                List<String> record = new ArrayList<>(List.of(row.student(), row.username()));
                for (Cell cell : row.cells()) {
                    record.add(cell.score().replace("%", ""));
                    record.add(cell.status());
                    record.add(cell.time());
                }
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    @Transactional
    public Stats stats(String assignmentId, Account teacher) {
        Assignment a = Assignment.byPublicId(assignmentId).orElseThrow(NotFoundException::new);
        if (!a.classroom.teacher.id.equals(teacher.id)) {
            throw new NotFoundException();
        }
        Instant now = clock.instant();
        long[] buckets = new long[10];
        Map<String, long[]> perQuestion = new LinkedHashMap<>();
        Map<String, String> prompts = new LinkedHashMap<>();
        List<Enrolment> roster = Enrolment.roster(a.classroom);
        long graded = 0;
        for (Enrolment e : roster) {
            List<Attempt> finished = attempts(a, e.student, now).stream().filter(Attempt::finished).toList();
            List<Double> shares = finished.stream().map(AssignmentService::share).toList();
            OptionalDouble counted = Grades.counted(a.counting, shares);
            if (counted.isEmpty()) {
                continue;
            }
            graded++;
            buckets[Math.min(9, (int) Math.floor(counted.getAsDouble() * 10))]++;
            Attempt shown = finished.get(Grades.representative(a.counting, shares));
            for (Answer answer : Answer.<Answer>list("from Answer a join fetch a.questionVersion where a.item.attempt = ?1", shown)) {
                long[] tally = perQuestion.computeIfAbsent(answer.questionVersion.questionId, k -> new long[2]);
                tally[0]++;
                if (answer.score >= 1) {
                    tally[1]++;
                }
                prompts.computeIfAbsent(answer.questionVersion.questionId, k -> bank.version(answer.questionVersion).prompt());
            }
        }
        long most = 1;
        for (long b : buckets) {
            most = Math.max(most, b);
        }
        List<Bucket> distribution = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String label = i * 10 + (i == 9 ? "-100%" : "-" + (i * 10 + 9) + "%");
            distribution.add(new Bucket(label, buckets[i], (int) (100 * buckets[i] / most)));
        }
        List<QuestionStat> questions = new ArrayList<>();
        perQuestion.forEach((id, tally) -> questions.add(new QuestionStat(prompts.get(id), tally[0], tally[1],
                (int) Math.round(100.0 * tally[1] / tally[0]))));
        questions.sort((x, y) -> Integer.compare(x.percent(), y.percent()));
        return new Stats(a.classroom.publicId, a.title, roster.size(), graded, distribution, questions);
    }

    private Cell cell(Assignment a, List<Attempt> attempts, Instant now) {
        List<Attempt> finished = attempts.stream().filter(Attempt::finished).toList();
        List<Double> shares = finished.stream().map(AssignmentService::share).toList();
        OptionalDouble counted = Grades.counted(a.counting, shares);
        String status = status(a, attempts, now);
        if (counted.isEmpty()) {
            return new Cell(status, "", "", attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).publicId);
        }
        Attempt shown = finished.get(Grades.representative(a.counting, shares));
        return new Cell(status, Math.round(100 * counted.getAsDouble()) + "%",
                QuizService.duration(Duration.between(shown.startedAt, shown.finishedAt)), shown.publicId);
    }

    private StudentAssignment standing(Assignment a, Account student, Instant now, String className) {
        List<Attempt> attempts = attempts(a, student, now);
        String status = status(a, attempts, now);
        List<Double> shares = attempts.stream().filter(Attempt::finished).map(AssignmentService::share).toList();
        OptionalDouble counted = Grades.counted(a.counting, shares);
        boolean inProgress = attempts.stream().anyMatch(t -> !t.finished());
        boolean canStart = inProgress || (a.open(now) && !a.pastDue(now) && attempts.size() < a.attemptsAllowed);
        String label = inProgress ? "Continue" : attempts.isEmpty() ? "Start" : "Try again";
        String resultUrl = attempts.stream().filter(Attempt::finished).reduce((x, y) -> y)
                .map(t -> "/attempts/" + t.publicId + "/result").orElse("");
        return new StudentAssignment(a.publicId, a.title, className, zones.format(a.dueAt), status,
                status.toLowerCase().replace(' ', '-'), counted.isPresent() ? Math.round(100 * counted.getAsDouble()) + "%" : "",
                canStart, label, resultUrl);
    }

    static String status(Assignment a, List<Attempt> attempts, Instant now) {
        if (attempts.stream().anyMatch(t -> !t.finished())) {
            return "In progress";
        }
        if (attempts.stream().anyMatch(Attempt::finished)) {
            return "Done";
        }
        if (a.pastDue(now)) {
            return "Overdue";
        }
        return a.open(now) ? "To do" : "Not open yet";
    }

    /** The student's attempts at the assignment, oldest first, any past their time closed first. */
    private List<Attempt> attempts(Assignment a, Account student, Instant now) {
        List<Attempt> attempts = Attempt.list("assignment = ?1 and learner = ?2 order by startedAt, id", a, student.learner);
        for (Attempt attempt : attempts) {
            quiz.closeIfExpired(attempt, now);
        }
        return attempts;
    }

    private List<Question> questionsFor(Assignment a) {
        List<Question> questions;
        if (a.setId != null) {
            QuestionSet set = bank.bank().set(a.setId).orElseThrow(() -> new IllegalStateException("set " + a.setId + " left the bank"));
            questions = new ArrayList<>(set.questionIds().stream().map(id -> bank.bank().question(id).orElseThrow()).toList());
            if (a.shuffleQuestions) {
                Collections.shuffle(questions, RANDOM);
            }
            return questions;
        }
        questions = new ArrayList<>(pool(a.topicList(), a.tagList(), a.difficulty));
        Collections.shuffle(questions, RANDOM);
        return questions.subList(0, Math.min(a.questionCount, questions.size()));
    }

    private List<Question> pool(List<String> topics, List<String> tags, Integer difficulty) {
        return bank.bank().questions().stream()
                .filter(q -> topics.isEmpty() || topics.contains(q.topic()))
                .filter(q -> tags.isEmpty() || q.tags().stream().anyMatch(tags::contains))
                .filter(q -> difficulty == null || q.difficulty() == difficulty)
                .toList();
    }

    private AssignmentRow row(Assignment a) {
        String source = a.setId != null ? bank.bank().set(a.setId).map(QuestionSet::title).orElse(a.setId)
                : a.questionCount + " drawn from " + (a.topicList().isEmpty() ? "every topic" : String.join(", ", a.topicList()));
        return new AssignmentRow(a.publicId, a.title, source, zones.format(a.opensAt), zones.format(a.dueAt),
                a.timeLimitMinutes == null ? "none" : a.timeLimitMinutes + " min", a.attemptsAllowed,
                a.counting.name().toLowerCase(), a.reveal.name().toLowerCase().replace('_', ' '));
    }

    private static double share(Attempt attempt) {
        return attempt.maxScore == 0 || attempt.score == null ? 0 : attempt.score / attempt.maxScore;
    }

    private static List<String> tags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static Integer difficulty(String text) {
        return text == null || text.isBlank() ? null : AssignmentForm.number(text, 1, 3);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
