package org.accord.review;

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
import java.time.LocalDate;
import java.util.Optional;
import org.accord.account.Learner;
import org.accord.web.PageCache;

/** What the scheduler knows about one learner's memory of one question (any version of it). */
@Entity
@EntityListeners(PageCache.LearnerWrites.class)
@Table(name = "review_state")
public class ReviewState extends PanacheEntityBase implements PageCache.LearnerData {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    public Learner learner;

    @Column(name = "question_id")
    public String questionId;

    public double stability;

    public double difficulty;

    public int reps;

    public int lapses;

    @Column(name = "last_rating")
    public int lastRating;

    @Column(name = "last_review_at")
    public Instant lastReviewAt;

    @Column(name = "due_on")
    public LocalDate dueOn;

    public Fsrs.Memory memory() {
        return new Fsrs.Memory(stability, difficulty);
    }

    static Optional<ReviewState> forUpdate(Learner learner, String questionId) {
        return find("learner = ?1 and questionId = ?2", learner, questionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    @Override
    public long learnerId() {
        return learner.id;
    }
}
