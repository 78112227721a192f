/**
 * Removal of processed message ids old enough that no redelivery can still come, on a timer.
 */
package org.openaperture.messaging.processed.infrastructure;
