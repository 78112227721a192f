package org.openaperture.e2e.original;

import org.openaperture.e2e.Server;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.Tokens;

/** The caller of each request: a bearer token with the role the route needs. */
final class As {

    private As() {}

    /** Changes the messaging model, system components and refs. */
    static ApiClient admin() {
        return Server.API.as("admin");
    }

    /** Reads. */
    static ApiClient viewer() {
        return Server.API.as("viewer");
    }

    /** Creates and executes workflows; assigns and dismisses system events. */
    static ApiClient operator() {
        return Server.API.as("operator");
    }

    /** Machine to machine: module registration, RPC request writes, workflow updates, raising system events. */
    static ApiClient module() {
        return Server.API.as("module");
    }

    /** A named user with a role, for cases that need two different people. */
    static ApiClient user(String subject, String role) {
        return Server.API.withToken(Tokens.mint(subject, role));
    }
}
