package org.accord.account;

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
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.accord.web.PageCache;

/** A signed-up person: a username (or e-mail address), a bcrypt password hash and a role. */
@Entity
@EntityListeners(PageCache.EveryoneWrites.class)
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Stored lower-cased, so "Anna" and "anna" are one account. */
    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public Role role;

    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    public Learner learner;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean teacher() {
        return role == Role.TEACHER;
    }

    public static Optional<Account> byUsername(String username) {
        return find("username", Usernames.canonical(username)).firstResultOptional();
    }
}
