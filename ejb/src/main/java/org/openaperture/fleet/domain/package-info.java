/**
 * What the FleetManager is asked over RPC: the actions of the original FleetManager ({@code list_machines},
 * {@code list_units}, ...) and the request body that names one.
 */
package org.openaperture.fleet.domain;
