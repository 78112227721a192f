package org.openaperture.jms.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failures that mean a dependency is unavailable")
class UnavailableExceptionsTest {

    private final UnavailableExceptions defaults = UnavailableExceptions.defaults();

    /** What a container does with what the bean threw (an EJBException, here a plain RuntimeException). */
    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("transaction rolled back", new IllegalStateException("bean failed", cause));
    }

    @Test
    @DisplayName("by default: a database connection that cannot be had or broke, and a refused connection")
    void defaultList() {
        assertEquals(
                List.of(
                        "java.sql.SQLTransientConnectionException",
                        "java.sql.SQLRecoverableException",
                        "java.sql.SQLNonTransientConnectionException",
                        "java.net.ConnectException"),
                defaults.classNames());
        assertTrue(defaults.matches(new SQLTransientConnectionException("pool exhausted")));
        assertTrue(defaults.matches(new SQLRecoverableException("connection reset")));
        assertTrue(defaults.matches(new SQLNonTransientConnectionException("connection refused")));
        assertTrue(defaults.matches(new ConnectException("Connection refused")));
    }

    @Test
    @DisplayName("anywhere in the cause chain, however deep the container wrapped it")
    void causeChain() {
        assertTrue(defaults.matches(wrapped(new SQLTransientConnectionException("db down"))));
        assertTrue(defaults.matches(wrapped(new UncheckedIOException(new ConnectException("refused")))));
    }

    @Test
    @DisplayName("subclasses of a listed class match (a driver's own connection exception)")
    void superclasses() {
        class DriverConnectionException extends SQLNonTransientConnectionException {}
        assertTrue(defaults.matches(wrapped(new DriverConnectionException())));
    }

    @Test
    @DisplayName("any SQLException whose SQLState is of class 08 (connection exception), whatever the list")
    void sqlStateConnectionClass() {
        assertTrue(defaults.matches(wrapped(new SQLException("This connection has been closed", "08003"))));
        assertTrue(defaults.matches(new SQLException("connection failure", "08006")));
        UnavailableExceptions other = UnavailableExceptions.parse("com.example.Down", "UnavailableExceptions");
        assertTrue(other.matches(wrapped(new SQLException("gone", "08001"))));
    }

    @Test
    @DisplayName("the message's own failures do not match: constraint violations, other SQLStates, bugs")
    void messageFailures() {
        assertFalse(defaults.matches(new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertFalse(defaults.matches(wrapped(new SQLException("syntax error", "42601"))));
        assertFalse(defaults.matches(new SQLException("no state")));
        assertFalse(defaults.matches(wrapped(new IllegalArgumentException("bad payload"))));
        assertFalse(defaults.matches(new NoRouteToHostException("not a ConnectException")));
        assertFalse(defaults.matches(new IOException("ConnectException in the text is not the class")));
    }

    @Test
    @DisplayName("a configured list replaces the defaults and matches by fully qualified name, with superclasses")
    void configuredNames() {
        UnavailableExceptions configured = UnavailableExceptions.parse(
                " java.io.IOException , org.example.ServiceUnavailable ", "UnavailableExceptions");
        assertEquals(List.of("java.io.IOException", "org.example.ServiceUnavailable"), configured.classNames());
        assertTrue(configured.matches(wrapped(new NoRouteToHostException("subclass of IOException"))));
        assertFalse(configured.matches(wrapped(new SQLTransientConnectionException("not listed any more"))));
    }

    @Test
    @DisplayName("a cause chain that loops ends")
    void loopingChain() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(defaults.matches(a));
    }

    @Test
    @DisplayName("blank entries and names that are no class names are refused, naming the property")
    void validation() {
        IllegalArgumentException blank = assertThrows(
                IllegalArgumentException.class,
                () -> UnavailableExceptions.parse(
                        "java.net.ConnectException,,java.io.IOException", "unavailableExceptions"));
        assertTrue(
                blank.getMessage().startsWith("unavailableExceptions has a blank entry (number 2 of 3)"),
                blank.getMessage());
        IllegalArgumentException trailing = assertThrows(
                IllegalArgumentException.class,
                () -> UnavailableExceptions.parse("java.net.ConnectException, ", "UnavailableExceptions"));
        assertTrue(trailing.getMessage().contains("blank entry (number 2 of 2)"), trailing.getMessage());
        IllegalArgumentException empty = assertThrows(
                IllegalArgumentException.class, () -> UnavailableExceptions.parse(" ", "UnavailableExceptions"));
        assertTrue(empty.getMessage().startsWith("UnavailableExceptions must list at least one"), empty.getMessage());
        IllegalArgumentException notAName = assertThrows(
                IllegalArgumentException.class,
                () -> UnavailableExceptions.parse("java.net.Connect Exception", "UnavailableExceptions"));
        assertTrue(
                notAName.getMessage().contains("\"java.net.Connect Exception\" is not a fully qualified class name"));
    }
}
