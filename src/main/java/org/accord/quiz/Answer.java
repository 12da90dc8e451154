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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.accord.account.Learner;
import org.accord.bank.QuestionVersion;
import org.accord.web.PageCache;

/** What a learner answered to one attempt item, and the score the server gave it. */
@Entity
@EntityListeners(PageCache.LearnerWrites.class)
@Table(name = "answer")
public class Answer extends PanacheEntityBase implements PageCache.LearnerData {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "attempt_item_id")
    public AttemptItem item;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    public Learner learner;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "question_version_id")
    public QuestionVersion questionVersion;

    public String response;

    public double score;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    public static List<Answer> of(Attempt attempt) {
        return list("item.attempt = ?1", attempt);
    }

    @Override
    public long learnerId() {
        return learner.id;
    }
}
