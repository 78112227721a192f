package org.openaperture.common.domain;

import java.util.Objects;

/**
 * A request is well formed but breaks a rule of the model: a reference to an entity that does not exist,
 * an exchange hierarchy with a cycle. {@link #field()} names the offending input field, when there is one.
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(Objects.requireNonNull(message));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
