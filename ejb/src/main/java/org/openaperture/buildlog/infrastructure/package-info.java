/**
 * The build-log queue of this node: declared and bound to the node's exchange through the broker's
 * management API, because every Manager node needs one of its own.
 */
package org.openaperture.buildlog.infrastructure;
