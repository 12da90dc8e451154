package org.accord.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** Someone who takes quizzes; for now a guest recognised by the token in their cookie. */
@Entity
@Table(name = "learner")
public class Learner extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "guest_token")
    public String guestToken;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The share of questions the learner wants to still recall when they come up for review (FSRS). */
    @Column(name = "desired_retention")
    public double desiredRetention = 0.9;

    public static Optional<Learner> byGuestToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return find("guestToken", token).firstResultOptional();
    }
}
