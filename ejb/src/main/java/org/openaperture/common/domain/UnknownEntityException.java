package org.openaperture.common.domain;

/** A request named an entity that does not exist, e.g. {@code MessagingBroker 7 was not found}. */
public class UnknownEntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownEntityException(String kind, Object id) {
        super(kind + " " + id + " was not found");
    }
}
