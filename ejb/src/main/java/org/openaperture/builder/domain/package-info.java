/**
 * The Builder's rules without I/O: the milestone request it receives, the callback it sends back, the
 * {@code <%= var %>} template rendering and when an image is built. Plain Java, tested without a container.
 */
package org.openaperture.builder.domain;
