package org.openaperture.messaging.topology.domain;

import java.util.List;
import java.util.Objects;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

/**
 * The physical queue names, in one place. The queue of component {@code c} in an exchange is the routing key
 * of {@code c} in that exchange with its first dot made a colon: US-EAST-1 under AWS routes {@code builder}
 * with key {@code aws.us-east-1.builder}, so its queue is {@code aws:us-east-1.builder}. A queue dead-letters
 * into {@code <queue>_error}.
 */
public final class QueueNames {

    // The logical queues of the OpenAperture system components: the one place their names are spelled.
    public static final String WORKFLOW_ORCHESTRATION = "workflow_orchestration";
    public static final String BUILDER = "builder";
    public static final String DEPLOYER = "deployer";
    public static final String DEPLOY_OA = "deploy_oa";
    public static final String FLEET_MANAGER = "fleet_manager";
    public static final String NOTIFICATIONS_HIPCHAT = "notifications_hipchat";
    public static final String NOTIFICATIONS_EMAIL = "notifications_email";
    public static final String OVERSEER = "overseer";
    public static final String SYSTEM_MODULES = "system_modules";

    /** The logical queue of every OpenAperture system component (the seed's list). */
    public static final List<String> COMPONENTS = List.of(
            WORKFLOW_ORCHESTRATION,
            BUILDER,
            DEPLOYER,
            DEPLOY_OA,
            FLEET_MANAGER,
            NOTIFICATIONS_HIPCHAT,
            NOTIFICATIONS_EMAIL,
            OVERSEER,
            SYSTEM_MODULES);

    public static final String ERROR_SUFFIX = "_error";

    /**
     * The logical queue builders publish build-log lines to. No component consumes it: every Manager node binds
     * a queue of its own ({@link #nodeBuildLogQueueOf}) to its exchange with this key, so each node gets every line.
     */
    public static final String BUILD_LOGS = "build_logs";

    private static final String NODE_BUILD_LOGS = "manager." + BUILD_LOGS;

    private QueueNames() {}

    /** {@code aws:us-east-1.builder} for component {@code builder} of the exchange routed as {@code aws.us-east-1}. */
    public static String queueOf(Route route, String component) {
        String key = route.routingKeyFor(Objects.requireNonNull(component, "component"));
        int firstDot = key.indexOf('.');
        return key.substring(0, firstDot) + ":" + key.substring(firstDot + 1);
    }

    /** {@code aws:us-east-1.builder_error}: where {@code aws:us-east-1.builder} dead-letters to. */
    public static String errorQueueOf(String queue) {
        return queue + ERROR_SUFFIX;
    }

    /**
     * {@code aws:us-east-1.manager.build_logs.<node>}: the build-log queue of one Manager node of the exchange
     * routed as {@code aws.us-east-1}, bound with key {@code aws.us-east-1.build_logs}.
     */
    public static String nodeBuildLogQueueOf(Route route, String node) {
        return queueOf(route, NODE_BUILD_LOGS) + "." + Objects.requireNonNull(node, "node");
    }

    /** Whether {@code queue} (or its error queue) is the build-log queue of a Manager node: not part of the plan. */
    public static boolean isNodeBuildLogQueue(String queue) {
        return queue.contains("." + NODE_BUILD_LOGS + ".");
    }

    /** The part of a queue name before its component, {@code aws:us-east-1} for {@code aws:us-east-1.builder_error}. */
    static String exchangePartOf(String queue) {
        int lastDot = queue.lastIndexOf('.');
        return lastDot < 0 ? "" : queue.substring(0, lastDot);
    }
}
