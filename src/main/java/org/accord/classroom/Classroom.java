package org.accord.classroom;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

/** A teacher's class, which students join with its code. */
@Entity
@Table(name = "classroom")
public class Classroom extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id")
    public String publicId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "teacher_id")
    public Account teacher;

    public String name;

    @Column(name = "join_code")
    public String joinCode;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The class, if this teacher owns it; another teacher's class is as good as missing. */
    public static Optional<Classroom> ownedBy(String publicId, Account teacher) {
        return find("publicId = ?1 and teacher = ?2", publicId, teacher).firstResultOptional();
    }

    public static List<Classroom> of(Account teacher) {
        return list("teacher = ?1 order by createdAt", teacher);
    }

    public static Optional<Classroom> byCode(String code) {
        return find("joinCode", code).firstResultOptional();
    }
}
