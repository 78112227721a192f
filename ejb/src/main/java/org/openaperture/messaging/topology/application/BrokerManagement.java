package org.openaperture.messaging.topology.application;

import org.openaperture.messaging.topology.domain.Definitions;

/** The broker's management interface, as far as the topology needs it. */
public interface BrokerManagement {

    /** The virtual host the topology lives in. */
    String vhost();

    /** The exchanges, queues and bindings the broker has in {@link #vhost()}. */
    Definitions read();

    /** Declares the exchanges, then the queues, then the bindings; declaring what exists is harmless. */
    void declare(Definitions definitions);
}
