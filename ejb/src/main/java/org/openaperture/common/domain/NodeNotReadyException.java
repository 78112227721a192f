package org.openaperture.common.domain;

/** This node's own configuration does not fit the messaging model yet (e.g. its exchange is not in it). */
public class NodeNotReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeNotReadyException(String message) {
        super(message);
    }
}
