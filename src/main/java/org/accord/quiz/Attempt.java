package org.accord.quiz;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.accord.account.Learner;
import org.accord.classroom.Assignment;
import org.accord.web.PageCache;

/** One run through a list of questions by one learner. */
@Entity
@EntityListeners(PageCache.LearnerWrites.class)
@Table(name = "attempt")
public class Attempt extends PanacheEntityBase implements PageCache.LearnerData {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The id in URLs: random, so attempts cannot be found by counting. */
    @Column(name = "public_id")
    public String publicId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    public Learner learner;

    public String mode;

    public String title;

    @Column(name = "shuffle_seed")
    public long shuffleSeed;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public Double score;

    @Column(name = "max_score")
    public int maxScore;

    /** Set for an assigned quiz; null for practice. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignment_id")
    public Assignment assignment;

    /** When the server closes the attempt, whatever the browser says; null where there is no limit. */
    @Column(name = "deadline_at")
    public Instant deadlineAt;

    @Column(name = "shuffle_choices")
    public boolean shuffleChoices = true;

    public Arrangement arrangement() {
        return new Arrangement(shuffleSeed, shuffleChoices);
    }

    public boolean expired(Instant now) {
        return expired(deadlineAt, now);
    }

    /** Whether an attempt with this deadline (null: none) has run out of time: the rule AnswerWriter also applies. */
    static boolean expired(Instant deadlineAt, Instant now) {
        return deadlineAt != null && !now.isBefore(deadlineAt);
    }

    public boolean finished() {
        return finishedAt != null;
    }

    /** The learner's own attempt, or nothing: another learner's attempt is as good as missing. */
    public static Optional<Attempt> ownedBy(String publicId, Learner learner) {
        return find("publicId = ?1 and learner = ?2", publicId, learner).firstResultOptional();
    }

    /** The same, locked until the transaction ends, so concurrent submits of one attempt queue up. */
    public static Optional<Attempt> ownedByForUpdate(String publicId, Learner learner) {
        return find("publicId = ?1 and learner = ?2", publicId, learner)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static List<Attempt> unfinished(Learner learner) {
        return list("learner = ?1 and finishedAt is null order by startedAt desc", learner);
    }

    @Override
    public long learnerId() {
        return learner.id;
    }
}
