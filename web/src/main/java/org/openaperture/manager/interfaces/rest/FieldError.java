package org.openaperture.manager.interfaces.rest;

/** One thing wrong with a request: the field (null when the request as a whole is wrong) and why. */
public record FieldError(String field, String message) {}
