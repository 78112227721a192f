package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The Manager API has no prefix: {@code /messaging/brokers}, {@code /messaging/exchanges}, ...
 *
 * <p>Callers authenticate with a MicroProfile JWT bearer token; its {@code groups} claim carries the
 * {@link Roles}. The key that verifies tokens and the issuer they must name are configuration
 * ({@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer}).
 *
 * <p>{@code @ApplicationScoped} is not decoration: Payara looks for {@code @LoginConfig} on CDI beans only, and
 * without a bean-defining annotation this class is none (annotated discovery); MP-JWT would then be off and
 * every protected route would challenge for HTTP Basic instead.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
public class ManagerApplication extends Application {}
