package org.openaperture.jms.amqp.settings;

/**
 * What an inbound activation needs from the resource adapter: the adapter-wide values it falls back on for
 * every property its activation spec does not set. The adapter implements it, so that the inbound side does
 * not depend on the adapter class.
 */
public interface AdapterSettings {

    /** The adapter-wide broker connection settings. */
    ConnectionSettings connectionSettings();

    String getConnectionUrl();

    String getUserName();

    String getPassword();

    String getAddressDialect();

    Long getConnectTimeout();

    Long getSendTimeout();

    Long getRequestTimeout();

    Long getReconnectDelay();

    Integer getMaxDeliveryAttempts();

    Long getRedeliveryInitialDelay();

    Double getRedeliveryMultiplier();

    Long getRedeliveryMaxDelay();

    String getFailoverConnectionUrl();

    String getFailoverUserName();

    String getFailoverPassword();

    Integer getFailoverAfterAttempts();

    Boolean getFailBack();

    Long getFailBackInterval();

    String getUnavailableExceptions();
}
