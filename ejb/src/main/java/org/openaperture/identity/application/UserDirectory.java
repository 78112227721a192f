package org.openaperture.identity.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import org.openaperture.identity.domain.User;

/** The callers known by their token subject; a caller is recorded on first sight. */
@Stateless
public class UserDirectory {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @EJB
    UserDirectory self;

    public Optional<User> find(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * The user with this subject, created if new. Two first requests of one caller may race: the loser's
     * insert fails on the unique subject and it reads the winner's row.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public User provision(String subject, String email, String name) {
        return self.bySubject(subject).orElseGet(() -> {
            try {
                return self.insert(subject, email, name);
            } catch (PersistenceException | jakarta.ejb.EJBException e) {
                return self.bySubject(subject).orElseThrow(() -> e);
            }
        });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<User> bySubject(String subject) {
        return em.createNamedQuery(User.BY_SUBJECT, User.class)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public User insert(String subject, String email, String name) {
        User user = new User(subject, email, name);
        em.persist(user);
        em.flush();
        return user;
    }
}
