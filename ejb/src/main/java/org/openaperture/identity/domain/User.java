package org.openaperture.identity.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * A caller of the API (a person or a module), known by the subject of its token. Rows are created on a
 * caller's first request so that system events can be assigned to and dismissed by them.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_SUBJECT, query = "SELECT u FROM User u WHERE u.subject = :subject")
public class User extends TimestampedEntity {
    public static final String KIND = "User";
    public static final String BY_SUBJECT = "User.bySubject";

    @Id
    @SequenceGenerator(name = "user_seq", sequenceName = "users_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_seq")
    private Long id;

    private String subject;
    private String email;
    private String name;

    protected User() {}

    public User(String subject, String email, String name) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.email = email;
        this.name = name;
    }

    public Long id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }
}
