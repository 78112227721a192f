package org.openaperture.manager.interfaces.rest;

import static org.openaperture.manager.interfaces.rest.Roles.ADMIN;
import static org.openaperture.manager.interfaces.rest.Roles.MODULE;
import static org.openaperture.manager.interfaces.rest.Roles.OPERATOR;
import static org.openaperture.manager.interfaces.rest.Roles.VIEWER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openaperture.fleet.application.FleetManagerClient;

/**
 * {@code /messaging/exchanges/{id}/machines}: the machines of an exchange's fleet, asked of the FleetManager
 * consuming that exchange's {@code fleet_manager} queue over RPC (the original's cluster routes asked the
 * same of an etcd cluster). An exchange whose FleetManager does not answer within the RPC deadline is a
 * {@code 504}, an {@code error} answer a {@code 502}; both name the exchange.
 */
@Path("messaging/exchanges/{id}/machines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {

    @Inject
    FleetManagerClient fleet;

    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public JsonValue machines(@PathParam("id") long id) {
        return fleet.listMachines(id);
    }
}
