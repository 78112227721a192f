/** Where build-log lines enter the Manager: the message-driven bean of this node's build-log queue. */
package org.openaperture.buildlog.interfaces;
