/** Where Deployer requests enter: the message-driven beans on the node's {@code deployer} and {@code deploy_oa} queues. */
package org.openaperture.deployer.interfaces;
