/**
 * Use cases over the messaging model: managing brokers, connections, exchanges and restrictions, the register of
 * modules (the one owner of the module table), this node's own exchange and broker, and the {@code
 * MessagingDirectory} port through which the rest of the node reads the model.
 */
package org.openaperture.messaging.registry.application;
