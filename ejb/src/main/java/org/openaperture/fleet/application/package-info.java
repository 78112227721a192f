/**
 * The FleetManager's use cases: asking the FleetManager of an exchange ({@code FleetManagerClient}, over RPC)
 * and answering such a request ({@code FleetRequestHandler}) through the {@code FleetActions} port.
 */
package org.openaperture.fleet.application;
