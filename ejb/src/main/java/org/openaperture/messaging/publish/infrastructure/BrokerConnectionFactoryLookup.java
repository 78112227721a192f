package org.openaperture.messaging.publish.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The adapter's pooled connection factory ({@code openaperture.broker.connection-factory}), looked up on first
 * use because on Payara Server the operator creates the factory after deploying the application, and kept once
 * found. The publisher sends through it and the readiness check probes it.
 */
@ApplicationScoped
public class BrokerConnectionFactoryLookup {

    @Inject
    @ConfigProperty(
            name = "openaperture.broker.connection-factory",
            defaultValue = "jms/openaperture/ConnectionFactory")
    String connectionFactoryName;

    private volatile ConnectionFactory factory;

    /** The JNDI name looked up. */
    public String name() {
        return connectionFactoryName;
    }

    /** The factory; {@link IllegalStateException} naming it while it is not configured. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory found = factory;
        if (found == null) {
            try {
                found = InitialContext.doLookup(connectionFactoryName);
            } catch (NamingException e) {
                throw new IllegalStateException(
                        "no connection factory " + connectionFactoryName + " (openaperture.broker.connection-factory)",
                        e);
            }
            factory = found;
        }
        return found;
    }
}
