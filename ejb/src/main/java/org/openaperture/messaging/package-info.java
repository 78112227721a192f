/**
 * The messaging core between the components and the resource adapter, in parts that each hold one thing and depend
 * one way: {@code registry} (the messaging model) at the bottom; {@code publish} (getting an envelope to a broker)
 * and {@code topology} (the broker definitions the model implies) over it; {@code outbox} (messages relayed after
 * commit) over {@code publish}; {@code rpc} (request rows and their replies) over the outbox. {@code processed}
 * (the ids of messages already handled) stands alone. Each part has its own domain, application and infrastructure
 * layers.
 */
package org.openaperture.messaging;
