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
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.accord.bank.QuestionVersion;
import org.accord.web.PageCache;

/** The question at one position of an attempt, pinned to the version that was current at the start. */
@Entity
@EntityListeners(PageCache.LearnerWrites.class)
@Table(name = "attempt_item")
public class AttemptItem extends PanacheEntityBase implements PageCache.LearnerData {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "attempt_id")
    public Attempt attempt;

    /** One-based. */
    public int position;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "question_version_id")
    public QuestionVersion questionVersion;

    /** When the question was first shown, to time the answer on the server. */
    @Column(name = "shown_at")
    public Instant shownAt;

    public static List<AttemptItem> of(Attempt attempt) {
        return list("attempt = ?1 order by position", attempt);
    }

    @Override
    public long learnerId() {
        return attempt.learner.id;
    }
}
