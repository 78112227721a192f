/** MicroProfile Health readiness checks: the node is ready when its database and its broker answer. */
package org.openaperture.manager.interfaces.health;
