package org.accord.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.accord.account.Account;
import org.accord.account.LoginThrottle;

/** Classes: creating them, their join codes, joining, leaving and the roster. */
@ApplicationScoped
public class ClassroomService {

    @Inject
    Clock clock;

    private LoginThrottle joinThrottle;

    @jakarta.annotation.PostConstruct
    void init() {
        // a student gets 10 wrong codes in 15 minutes; then joining waits, so codes cannot be found by trying
        joinThrottle = new LoginThrottle(clock, 10, 10, Duration.ofMinutes(15));
    }

    public record ClassSummary(String id, String name, String joinCode, long students, long assignments, String teacher) {
    }

    public record RosterEntry(String name, String username, String joined) {
    }

    @Transactional
    public String create(Account teacher, String name) {
        Classroom c = new Classroom();
        c.publicId = UUID.randomUUID().toString();
        c.teacher = Account.findById(teacher.id);
        c.name = name.strip();
        c.joinCode = uniqueCode();
        c.createdAt = clock.instant();
        c.persist();
        return c.publicId;
    }

    @Transactional
    public List<ClassSummary> taughtBy(Account teacher) {
        return Classroom.of(teacher).stream().map(c -> new ClassSummary(c.publicId, c.name, c.joinCode,
                Enrolment.count("classroom", c), Assignment.count("classroom", c), teacher.displayName)).toList();
    }

    @Transactional
    public List<ClassSummary> joinedBy(Account student) {
        return Enrolment.classesOf(student).stream().map(e -> new ClassSummary(e.classroom.publicId, e.classroom.name, "",
                0, Assignment.count("classroom", e.classroom), e.classroom.teacher.displayName)).toList();
    }

    @Transactional
    public Classroom owned(String classId, Account teacher) {
        return Classroom.ownedBy(classId, teacher).orElseThrow(NotFoundException::new);
    }

    @Transactional
    public List<RosterEntry> roster(Classroom c) {
        return Enrolment.roster(c).stream().map(e -> new RosterEntry(e.student.displayName, e.student.username,
                e.joinedAt.toString().substring(0, 10))).toList();
    }

    /** A new code; the old one stops working at once. */
    @Transactional
    public void rotateCode(String classId, Account teacher) {
        owned(classId, teacher).joinCode = uniqueCode();
    }

    @Transactional
    public void remove(String classId, Account teacher, String username) {
        Classroom c = owned(classId, teacher);
        Account student = Account.byUsername(username).orElseThrow(NotFoundException::new);
        Enrolment.of(c, student).orElseThrow(NotFoundException::new).delete();
    }

    /** Joins the class with this code; returns an error message for the student, or null on success. */
    @Transactional
    public String join(Account student, String typedCode) {
        String key = "join:" + student.id;
        if (joinThrottle.lockedUntil(key) != null) {
            return "Too many wrong codes. Wait a few minutes, then check the code with your teacher.";
        }
        Classroom c = Classroom.byCode(JoinCodes.normalise(typedCode)).orElse(null);
        if (c == null) {
            joinThrottle.failed(key);
            return "No class has that code. Check it with your teacher: it looks like ABCD-EFGH.";
        }
        if (c.teacher.id.equals(student.id)) {
            return "This is your own class.";
        }
        Account s = Account.findById(student.id);
        if (Enrolment.of(c, s).isEmpty()) {
            Enrolment e = new Enrolment();
            e.classroom = c;
            e.student = s;
            e.joinedAt = clock.instant();
            e.persist();
        }
        return null;
    }

    @Transactional
    public void leave(Account student, String classId) {
        Classroom c = Classroom.find("publicId", classId).<Classroom>firstResultOptional().orElseThrow(NotFoundException::new);
        Enrolment.of(c, Account.findById(student.id)).orElseThrow(NotFoundException::new).delete();
    }

    private static String uniqueCode() {
        String code = JoinCodes.next();
        while (Classroom.byCode(code).isPresent()) {
            code = JoinCodes.next();
        }
        return code;
    }
}
