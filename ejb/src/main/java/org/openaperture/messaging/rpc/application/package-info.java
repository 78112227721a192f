/**
 * RPC over request rows: a client that sends a request and waits for its answer, the responder that runs one and
 * records the reply, and the store of the rows.
 */
package org.openaperture.messaging.rpc.application;
