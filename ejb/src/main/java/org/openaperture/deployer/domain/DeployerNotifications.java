package org.openaperture.deployer.domain;

import java.util.List;
import java.util.stream.Collectors;

/** What the Deployer says in chat and in the event log (components.md §5.3–5.5), in the original's words. */
public final class DeployerNotifications {
    public static final String DEPLOY_FAILED = "Deployment failed!";
    public static final String MONITOR_FAILED = "Deployment has failed!";
    public static final String NONE_DEPLOYED = "None of the units have deployed successfully";
    public static final String DEPLOYED = "The units has been deployed, starting deployment monitor...";
    public static final String NO_REMAINING_UNITS = "There are no remaining units to monitor";
    public static final String ECS_DEPLOYED = "The units has been deployed.";
    public static final String DEPLOY_ERROR = "An error occurred during deployment";
    public static final String MONITOR_ERROR = "An error occurred during monitoring";
    public static final String ECS_ERROR = "An error occurred during ECS deployment";

    private DeployerNotifications() {}

    public static String unknownMilestone(String step) {
        return "An unknown milestone was passed into the Deployer: " + step;
    }

    public static String received(String hostname, String cluster) {
        return "The deploy milestone has been received and is being processed by Deployer " + hostname + " in cluster "
                + cluster;
    }

    public static String monitorReceived(String hostname, String cluster) {
        return "The deploy (monitor) milestone has been received and is being processed by Deployer " + hostname
                + " in cluster " + cluster;
    }

    public static String ecsReceived(String hostname) {
        return "The deploy_ecs milestone has been received and is being processed by Deployer " + hostname;
    }

    public static String preparing(DeployPlan plan) {
        return "Preparing to deploy " + plan.instanceCount() + " instance(s) of each of the "
                + plan.units().size() + " unit(s) onto " + plan.hostCount() + " host(s)...";
    }

    public static String monitoring(List<String> units) {
        return "Monitoring deployment of the following unit(s):  " + list(units);
    }

    public static String startingToMonitor(int units) {
        return "Starting to monitor " + units + " units...";
    }

    public static String stillDeploying(int units) {
        return "After review, there are " + units + " units still deploying...";
    }

    public static String unitFailed(String unit, String journal) {
        return "Unit " + unit + " has failed to startup\n\n" + journal;
    }

    public static String unitFailedNoJournal(String unit, String error) {
        return "Unit " + unit + " has failed to startup; an error occurred retrieving the journal\n\n" + error;
    }

    public static String failedUnits(List<String> units) {
        return "The following unit(s) have failed to deploy:  " + list(units);
    }

    public static String deployedUnits(List<String> units) {
        return "The following unit(s) have deployed successfully:  " + list(units);
    }

    /** The timeout's reason; the original's budget was 30 rounds a minute apart, "over 30 minutes". */
    public static String tookTooLong(java.time.Duration budget) {
        long seconds = budget.toSeconds();
        String took = seconds >= 60 && seconds % 60 == 0
                ? seconds / 60 + " minutes"
                : seconds > 0 ? seconds + " seconds" : budget.toMillis() + " milliseconds";
        return "Deployment has taken over " + took + " to complete! Monitoring will now discontinue.";
    }

    /** {@code ["a@0.service", "b@0.service"]}, as the original printed a list of names. */
    static String list(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
