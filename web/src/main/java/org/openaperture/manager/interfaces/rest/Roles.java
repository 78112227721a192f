package org.openaperture.manager.interfaces.rest;

/**
 * The roles a caller's token carries (its {@code groups} claim), and what each may do:
 *
 * <ul>
 *   <li>{@code viewer}: read everything except secrets;
 *   <li>{@code operator}: read, and execute, cancel and retry workflows; assign and dismiss system events;
 *   <li>{@code admin}: read, and change the messaging model, system components and refs, credentials;
 *   <li>{@code module}: machine to machine: read (broker passwords included), register modules and
 *       heartbeats, update workflows and RPC requests, raise system events.
 * </ul>
 *
 * Health answers without a token.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    public static final String MODULE = "module";

    private Roles() {}
}
