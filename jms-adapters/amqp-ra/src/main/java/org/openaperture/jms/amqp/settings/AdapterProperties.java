package org.openaperture.jms.amqp.settings;

/**
 * The adapter-wide properties of the resource adapter (names as in ra.xml) and their defaults: the fallback for
 * every activation spec and managed connection factory that does not set its own. The adapter holds one; an
 * activation spec that is not associated with an adapter checks itself against a fresh one.
 */
public class AdapterProperties implements AdapterSettings {

    private String connectionUrl = "amqp://127.0.0.1:5672";
    private String userName = "guest";
    private String password = "guest";
    private String addressDialect = AddressDialect.RABBITMQ3.configName();
    private Long connectTimeout = 10_000L;
    private Long sendTimeout = 10_000L;
    private Long requestTimeout = 10_000L;
    private Long reconnectDelay = 1_000L;
    private Integer maxDeliveryAttempts = 5;
    private Long redeliveryInitialDelay = 500L;
    private Double redeliveryMultiplier = 2.0;
    private Long redeliveryMaxDelay = 30_000L;
    private String failoverConnectionUrl;
    private String failoverUserName;
    private String failoverPassword;
    private Integer failoverAfterAttempts = 5;
    private Boolean failBack = false;
    private Long failBackInterval = 30_000L;
    private String unavailableExceptions = UnavailableExceptions.DEFAULT;

    @Override
    public ConnectionSettings connectionSettings() {
        return new ConnectionSettings(connectionUrl, userName, password, connectTimeout, sendTimeout, requestTimeout);
    }

    @Override
    public String getConnectionUrl() {
        return connectionUrl;
    }

    public void setConnectionUrl(String connectionUrl) {
        this.connectionUrl = connectionUrl;
    }

    @Override
    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    @Override
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public String getAddressDialect() {
        return addressDialect;
    }

    public void setAddressDialect(String addressDialect) {
        this.addressDialect = addressDialect;
    }

    @Override
    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Long getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    @Override
    public Long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(Long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    @Override
    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    @Override
    public Long getRedeliveryInitialDelay() {
        return redeliveryInitialDelay;
    }

    public void setRedeliveryInitialDelay(Long redeliveryInitialDelay) {
        this.redeliveryInitialDelay = redeliveryInitialDelay;
    }

    @Override
    public Double getRedeliveryMultiplier() {
        return redeliveryMultiplier;
    }

    public void setRedeliveryMultiplier(Double redeliveryMultiplier) {
        this.redeliveryMultiplier = redeliveryMultiplier;
    }

    @Override
    public Long getRedeliveryMaxDelay() {
        return redeliveryMaxDelay;
    }

    public void setRedeliveryMaxDelay(Long redeliveryMaxDelay) {
        this.redeliveryMaxDelay = redeliveryMaxDelay;
    }

    @Override
    public String getFailoverConnectionUrl() {
        return failoverConnectionUrl;
    }

    public void setFailoverConnectionUrl(String failoverConnectionUrl) {
        this.failoverConnectionUrl = failoverConnectionUrl;
    }

    @Override
    public String getFailoverUserName() {
        return failoverUserName;
    }

    public void setFailoverUserName(String failoverUserName) {
        this.failoverUserName = failoverUserName;
    }

    @Override
    public String getFailoverPassword() {
        return failoverPassword;
    }

    public void setFailoverPassword(String failoverPassword) {
        this.failoverPassword = failoverPassword;
    }

    @Override
    public Integer getFailoverAfterAttempts() {
        return failoverAfterAttempts;
    }

    public void setFailoverAfterAttempts(Integer failoverAfterAttempts) {
        this.failoverAfterAttempts = failoverAfterAttempts;
    }

    @Override
    public Boolean getFailBack() {
        return failBack;
    }

    public void setFailBack(Boolean failBack) {
        this.failBack = failBack;
    }

    @Override
    public Long getFailBackInterval() {
        return failBackInterval;
    }

    public void setFailBackInterval(Long failBackInterval) {
        this.failBackInterval = failBackInterval;
    }

    /**
     * Comma-separated fully qualified names of exceptions that mean a dependency of the endpoint is down (see
     * {@link UnavailableExceptions}): a delivery failing with one in its cause chain is no delivery attempt.
     */
    @Override
    public String getUnavailableExceptions() {
        return unavailableExceptions;
    }

    public void setUnavailableExceptions(String unavailableExceptions) {
        this.unavailableExceptions = unavailableExceptions;
    }
}
