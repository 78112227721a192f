package org.openaperture.jms.amqp.inbound;

import java.util.Set;

/** Turns a failure into the short reason that log lines and {@code dlq_reason} carry, and tells its kind. */
final class Failures {
    private static final Set<String> MESSAGE_FORMAT =
            Set.of("jakarta.jms.MessageFormatException", "jakarta.jms.MessageFormatRuntimeException");

    static final int MAX_REASON_LENGTH = 500;
    private static final int MAX_CAUSE_DEPTH = 20;

    private Failures() {}

    /**
     * {@code class: message} of the innermost cause, because containers wrap what the listener threw
     * (an {@code EJBException} around the application's exception says little); at most 500 characters.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_CAUSE_DEPTH; depth++) {
            root = root.getCause();
        }
        String text = root.getMessage() == null
                ? root.getClass().getName()
                : root.getClass().getName() + ": " + root.getMessage();
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH);
    }

    /**
     * Whether the failure says that the message can never be processed: a JMS message format exception
     * anywhere in its cause chain (compared by class name, and subclasses too, so that the application's class
     * loader does not matter).
     */
    static boolean isMessageFormat(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            for (Class<?> c = current.getClass(); c != null; c = c.getSuperclass()) {
                if (MESSAGE_FORMAT.contains(c.getName())) {
                    return true;
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }
}
