package org.openaperture.jms.amqp.settings;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule that tells a dependency outage from a failure of the message: a delivery whose failure matches is
 * not the message's fault (the database or another service is down), so it is no delivery attempt and never
 * leads to a dead letter. Pure and immutable so it can be tested as a spec.
 *
 * <p>A failure matches when any throwable of its cause chain is an instance of one of the configured classes,
 * compared by fully qualified name against the throwable's class and each of its superclasses (names, not
 * {@code Class} objects, so that classes of the application's class loader match too), or when it is a
 * {@link SQLException} whose SQLState starts with {@code 08} (connection exception): that rule is always on.
 */
public final class UnavailableExceptions {

    /** The default list: a database connection that fails or broke, and a service that refuses connections. */
    public static final String DEFAULT = "java.sql.SQLTransientConnectionException,"
            + "java.sql.SQLRecoverableException,"
            + "java.sql.SQLNonTransientConnectionException,"
            + "java.net.ConnectException";

    private static final int MAX_CAUSE_DEPTH = 20;
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private static final UnavailableExceptions DEFAULTS = parse(DEFAULT, "UnavailableExceptions");

    private final Set<String> classNames;

    private UnavailableExceptions(Set<String> classNames) {
        this.classNames = Collections.unmodifiableSet(classNames);
    }

    /** The default list with the SQLState 08 rule. */
    public static UnavailableExceptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads a comma-separated list of fully qualified class names (spaces around the names are ignored).
     *
     * @param value    the configured value
     * @param property the property's name, for the message of the exception
     * @throws IllegalArgumentException when the value is empty or an entry is blank or no class name
     */
    public static UnavailableExceptions parse(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must list at least one fully qualified class name"
                    + " (comma-separated), e.g. " + DEFAULT);
        }
        String[] entries = value.split(",", -1);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String name = entries[i].trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(property + " has a blank entry (number " + (i + 1) + " of "
                        + entries.length + ") in \"" + value + "\": remove the extra comma");
            }
            if (!CLASS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(property + " entry \"" + name
                        + "\" is not a fully qualified class name such as java.net.ConnectException");
            }
            names.add(name);
        }
        return new UnavailableExceptions(names);
    }

    /** The configured class names, in their order. */
    public List<String> classNames() {
        return new ArrayList<>(classNames);
    }

    /** Whether the failure says that a dependency is unavailable rather than that the message is bad. */
    public boolean matches(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH && seen.add(current); depth++) {
            if (isConnectionSqlState(current) || isInstanceOfListed(current.getClass())) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private boolean isInstanceOfListed(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (classNames.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08: connection exception (SQL:2003, used by every JDBC driver for a lost connection). */
    private static boolean isConnectionSqlState(Throwable throwable) {
        return throwable instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08");
    }

    @Override
    public String toString() {
        return String.join(",", classNames) + " (and SQLState 08*)";
    }
}
