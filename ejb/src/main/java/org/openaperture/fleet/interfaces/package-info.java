/** Where requests enter the FleetManager: the message-driven bean of the {@code fleet_manager} queue. */
package org.openaperture.fleet.interfaces;
