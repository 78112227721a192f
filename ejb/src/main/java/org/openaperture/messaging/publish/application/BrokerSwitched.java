package org.openaperture.messaging.publish.application;

import jakarta.json.JsonObject;

/**
 * A publisher or a consumer switched to its failover broker or back, as {@link FailoverMonitor} fires it: what
 * the system event that records it says ({@code type} {@value FailoverMonitor#FAILED_OVER} or
 * {@value FailoverMonitor#FAILED_BACK}). Observed where system events are kept, so that messaging does not
 * call up into them.
 */
public record BrokerSwitched(String type, String severity, String message, JsonObject data) {}
