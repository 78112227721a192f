package org.openaperture.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.openaperture.common.infrastructure.DatabaseMigrator;

/**
 * A fresh in-memory H2 database migrated by Flyway, with EclipseLink over it (the entities of
 * {@code META-INF/test-persistence.xml}): the services on a real database, without a container.
 */
public final class MigratedH2 implements AutoCloseable {
    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final EntityManagerFactory emf;
    private final EntityManager em;

    public MigratedH2() {
        DatabaseMigrator.migrations(MigratedH2.class.getClassLoader())
                .dataSource(url, "sa", "")
                .load()
                .migrate();
        emf = Persistence.createEntityManagerFactory(
                "openaperture-test",
                Map.of(
                        "eclipselink.persistencexml", "META-INF/test-persistence.xml",
                        "jakarta.persistence.jdbc.url", url,
                        "jakarta.persistence.jdbc.user", "sa",
                        "jakarta.persistence.jdbc.password", ""));
        em = emf.createEntityManager();
    }

    public EntityManager em() {
        return em;
    }

    /** Another entity manager over the same database, as a second node would have; the caller closes it. */
    public EntityManager newEntityManager() {
        return emf.createEntityManager();
    }

    /** A plain JDBC connection, to read or change rows behind JPA's back. */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    /** Runs {@code statement} over {@link #jdbc()}. */
    public void sql(String statement) throws SQLException {
        try (Connection c = jdbc();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    /**
     * Runs {@code work} in a transaction of {@link #em()}: committed when it returns, rolled back when it throws;
     * either way the entity manager is cleared after, so what a test reads next comes from the database.
     */
    public <T> T tx(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.clear();
        }
    }

    @Override
    public void close() {
        em.close();
        emf.close();
    }
}
