package org.openaperture.manager.interfaces.rest;

import static org.openaperture.manager.interfaces.rest.Roles.ADMIN;
import static org.openaperture.manager.interfaces.rest.Roles.MODULE;
import static org.openaperture.manager.interfaces.rest.Roles.OPERATOR;
import static org.openaperture.manager.interfaces.rest.Roles.VIEWER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.openaperture.identity.application.UserDirectory;

/** {@code /users/me}: the caller as the Manager knows it, e.g. the id to assign system events to. */
@Path("users/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    Callers callers;

    @EJB
    UserDirectory users;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public Callers.Me me() {
        return Callers.Me.of(users.find(callers.id(security)).orElseThrow());
    }
}
