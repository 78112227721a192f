package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openaperture.messaging.registry.application.BrokerService;
import org.openaperture.messaging.registry.application.Reencryption;
import org.openaperture.worker.application.JobJournal;
import org.openaperture.workflow.application.WorkflowOrchestration;

/**
 * {@code /messaging/broker_connections}: operations over every broker's connections at once. {@code POST
 * reencrypt} seals every stored password under the current key, after a key rotation
 * ({@code server-config/payara/rotate-secret-key.sh} calls it).
 */
@Path("messaging/broker_connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@DeclareRoles(Roles.ADMIN)
@RolesAllowed(Roles.ADMIN)
public class BrokerConnectionResource {

    @Inject
    BrokerService brokers;

    @Inject
    WorkflowOrchestration workflows;

    @Inject
    JobJournal jobs;

    /** How many secrets were sealed again, and the key they are all under now. */
    public record ReencryptResponse(int reencrypted, String keyId) {}

    /**
     * Seals every stored secret under the current key: broker passwords, the orchestration contexts of
     * workflows ({@code aws_config}) and the requests of running worker jobs.
     */
    @POST
    @Path("reencrypt")
    public ReencryptResponse reencrypt() {
        Reencryption done = brokers.reencryptAll();
        int more = workflows.reencryptContexts() + jobs.reencrypt();
        return new ReencryptResponse(done.reencrypted() + more, done.keyId());
    }
}
