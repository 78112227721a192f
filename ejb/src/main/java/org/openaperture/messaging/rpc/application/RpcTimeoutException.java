package org.openaperture.messaging.rpc.application;

import java.time.Duration;

/** The responder did not answer an RPC request within the requester's deadline. */
public class RpcTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcTimeoutException(RpcTarget target, long requestId, Duration waited) {
        super(target.component() + " of exchange " + target.exchangeName() + " did not answer request " + requestId
                + " within " + RpcTarget.format(waited));
    }
}
