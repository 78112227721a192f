/** Where Builder requests enter: the message-driven bean on the node's {@code builder} queue. */
package org.openaperture.builder.interfaces;
