/**
 * RPC request rows as the original Manager kept them, their status, and the message that carries a request to
 * the responder's queue.
 */
package org.openaperture.messaging.rpc.domain;
