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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.accord.account.Learner;
import org.accord.web.PageCache;

/** One review: the rating, when, from where, and the memory it left. Never changed once written. */
@Entity
@EntityListeners(PageCache.LearnerWrites.class)
@Table(name = "review_log")
public class ReviewLog extends PanacheEntityBase implements PageCache.LearnerData {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    public Learner learner;

    @Column(name = "question_id")
    public String questionId;

    public int rating;

    /** quiz (any practice, review or assigned question page) or flashcard. */
    public String source;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "elapsed_days")
    public int elapsedDays;

    @Column(name = "scheduled_days")
    public int scheduledDays;

    public double stability;

    public double difficulty;

    public double retrievability;

    @Column(name = "answer_id")
    public Long answerId;

    @Override
    public long learnerId() {
        return learner.id;
    }
}
