package org.openaperture.messaging.registry.application;

/**
 * An exchange is about to be deleted, fired synchronously by {@link ExchangeService#delete(long)} inside its
 * transaction: observers remove the rows of other rooms that belong to that exchange (the system components).
 */
public record ExchangeDeleting(long exchangeId) {}
