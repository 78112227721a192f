package org.openaperture.common.domain;

/** A request would create a second entity with an identifier that must be unique. */
public class DuplicateEntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateEntityException(String message) {
        super(message);
    }
}
