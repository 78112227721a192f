package org.openaperture.messaging.rpc.application;

/**
 * An RPC action refused its request (an unknown action, a unit that does not exist, ...): the responder
 * answers {@code error} with {@code {"errors":["<message>"]}}.
 */
public class RpcActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcActionException(String reason) {
        super(reason);
    }
}
