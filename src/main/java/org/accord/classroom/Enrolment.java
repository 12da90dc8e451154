package org.accord.classroom;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.accord.account.Account;
import org.accord.web.PageCache;

/** A student's membership of a class. Joining or leaving changes the class's gradebook (GridCache). */
@Entity
@EntityListeners(PageCache.EveryoneRows.class)
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "classroom_id")
    public Classroom classroom;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "student_id")
    public Account student;

    @Column(name = "joined_at")
    public Instant joinedAt;

    public static Optional<Enrolment> of(Classroom classroom, Account student) {
        return find("classroom = ?1 and student = ?2", classroom, student).firstResultOptional();
    }

    public static List<Enrolment> roster(Classroom classroom) {
        return list("from Enrolment e join fetch e.student s where e.classroom = ?1 order by lower(s.displayName)", classroom);
    }

    public static List<Enrolment> classesOf(Account student) {
        return list("from Enrolment e join fetch e.classroom c join fetch c.teacher where e.student = ?1 order by c.name", student);
    }
}
