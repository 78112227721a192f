package org.openaperture.jms.amqp.inbound;

/** Turns a failure into the short reason that log lines and {@code dlq_reason} carry. */
final class Failures {

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
}
