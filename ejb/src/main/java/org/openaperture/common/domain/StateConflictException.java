package org.openaperture.common.domain;

/** A request that the current state of an entity forbids, e.g. executing a workflow that already started. */
public class StateConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateConflictException(String message) {
        super(message);
    }
}
