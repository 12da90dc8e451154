package org.accord.classroom;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.accord.web.PageCache;

/** A question set given to a class, with its window, limits and answer policy. */
@Entity
@EntityListeners(PageCache.EveryoneWrites.class)
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    /** Which of a student's finished attempts makes the grade. */
    public enum Counting { HIGHEST, LAST, FIRST, AVERAGE }

    /** When a student may see the correct answers. */
    public enum Reveal { AFTER_EACH, AFTER_SUBMIT, AFTER_DUE, NEVER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id")
    public String publicId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "classroom_id")
    public Classroom classroom;

    public String title;

    /** A curated set; when null the questions are drawn per student from topics, tags and difficulty. */
    @Column(name = "set_id")
    public String setId;

    /** Comma-separated topic ids for a composed assignment; empty means every topic. */
    public String topics;

    public String tags;

    public Integer difficulty;

    @Column(name = "question_count")
    public int questionCount;

    @Column(name = "opens_at")
    public Instant opensAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "time_limit_minutes")
    public Integer timeLimitMinutes;

    @Column(name = "attempts_allowed")
    public int attemptsAllowed;

    @Enumerated(EnumType.STRING)
    public Counting counting;

    @Column(name = "shuffle_questions")
    public boolean shuffleQuestions;

    @Column(name = "shuffle_choices")
    public boolean shuffleChoices;

    @Enumerated(EnumType.STRING)
    public Reveal reveal;

    @Column(name = "created_at")
    public Instant createdAt;

    public List<String> topicList() {
        return split(topics);
    }

    public List<String> tagList() {
        return split(tags);
    }

    public boolean open(Instant now) {
        return !now.isBefore(opensAt);
    }

    public boolean pastDue(Instant now) {
        return !now.isBefore(dueAt);
    }

    public static List<Assignment> of(Classroom classroom) {
        return list("classroom = ?1 order by dueAt, id", classroom);
    }

    public static Optional<Assignment> byPublicId(String publicId) {
        return find("from Assignment a join fetch a.classroom c join fetch c.teacher where a.publicId = ?1", publicId)
                .firstResultOptional();
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).toList();
    }
}
