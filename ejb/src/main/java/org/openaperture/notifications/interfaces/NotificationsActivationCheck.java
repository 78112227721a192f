package org.openaperture.notifications.interfaces;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.node.NodeConfig;

/**
 * Says at start whether this node consumes the notification queues, and warns when the two settings that
 * decide it disagree. The message-driven beans' activations are bound when the application is deployed, from
 * {@code openaperture.notifications.enabled} (a plain value Payara substitutes into
 * {@code glassfish-ejb-jar.xml}); {@code openaperture.node.components} decides the heartbeats. The scripts
 * derive the first from the second, but an operator who sets them by hand can make them differ.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationsActivationCheck {
    private static final Logger LOG = System.getLogger(NotificationsActivationCheck.class.getName());
    static final String COMPONENT = "notifications";

    @Inject
    NodeConfig node;

    @Inject
    @ConfigProperty(name = "openaperture.notifications.enabled", defaultValue = "false")
    boolean enabled;

    @PostConstruct
    void check() {
        String problem = mismatch(node.components().contains(COMPONENT), enabled);
        if (problem != null) {
            LOG.log(Level.WARNING, problem);
        } else {
            LOG.log(
                    Level.INFO,
                    enabled
                            ? "this node consumes the notifications_email and notifications_hipchat queues"
                            : "notifications is not a component of this node: its queues are not consumed here");
        }
    }

    /** The warning for settings that disagree, or null. */
    static String mismatch(boolean listed, boolean enabled) {
        if (listed && !enabled) {
            return "openaperture.node.components lists notifications but openaperture.notifications.enabled is not "
                    + "true: this node heartbeats as a notifications module and consumes none of its queues. Set "
                    + "openaperture.notifications.enabled=true and restart the node or redeploy";
        }
        if (!listed && enabled) {
            return "openaperture.notifications.enabled is true but openaperture.node.components does not list "
                    + "notifications: this node consumes the notification queues without a notifications module "
                    + "being registered. Add notifications to openaperture.node.components";
        }
        return null;
    }
}
