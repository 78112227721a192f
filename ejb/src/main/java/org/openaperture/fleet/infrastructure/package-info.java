/** Implementations of {@code FleetActions}: for now a simulated fleet with fixed, deterministic data. */
package org.openaperture.fleet.infrastructure;
