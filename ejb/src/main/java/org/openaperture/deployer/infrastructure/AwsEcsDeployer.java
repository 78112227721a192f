package org.openaperture.deployer.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.application.EcsDeployer;
import org.openaperture.deployer.domain.EcsDeployment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Runs {@code deploy_ecs} with the AWS SDK for Java v2 (components.md §5.5): {@code RegisterTaskDefinition} with
 * the milestone's task definition, {@code UpdateService} to one task fewer than asked, then {@code
 * DescribeServices} every {@code openaperture.deployer.ecs.poll-interval} until the deployment of the new task
 * definition is done, scaling the service to the full count once the smaller deployment runs alone. The whole
 * deployment has {@code openaperture.deployer.ecs.timeout}; the original had none.
 *
 * <p>The client is made per deployment from the milestone's {@code aws_config}: its region, its endpoint when
 * set, and its keys (the default AWS credential chain when it has none). It talks over the JDK's URL connection
 * (no Netty, no Apache client in the application). The secret key is never logged nor put in a message.
 */
@ApplicationScoped
public class AwsEcsDeployer implements EcsDeployer {

    private static final System.Logger LOG = System.getLogger(AwsEcsDeployer.class.getName());

    private Duration pollInterval;
    private Duration timeout;

    @Inject
    public AwsEcsDeployer(
            @ConfigProperty(name = "openaperture.deployer.ecs.poll-interval", defaultValue = "PT5S")
                    String pollInterval,
            @ConfigProperty(name = "openaperture.deployer.ecs.timeout", defaultValue = "PT30M") String timeout) {
        this(
                IsoDurations.positive("openaperture.deployer.ecs.poll-interval", pollInterval, "PT5S"),
                IsoDurations.positive("openaperture.deployer.ecs.timeout", timeout, "PT30M"));
    }

    AwsEcsDeployer(Duration pollInterval, Duration timeout) {
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** For CDI's proxy only. */
    protected AwsEcsDeployer() {}

    @Override
    public void deploy(EcsDeployment deployment, Consumer<String> progress) {
        RegisterTaskDefinitionRequest register = TaskDefinitionJson.parse(deployment.taskDefinitionJson());
        try (EcsClient ecs = client(deployment)) {
            new Run(ecs, deployment, progress).deploy(register);
        }
    }

    /** One deployment: the calls of §5.5 in order, with the state they share. */
    private final class Run {
        private final EcsClient ecs;
        private final EcsDeployment deployment;
        private final Consumer<String> progress;
        private final long deadline;

        Run(EcsClient ecs, EcsDeployment deployment, Consumer<String> progress) {
            this.ecs = ecs;
            this.deployment = deployment;
            this.progress = progress;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        void deploy(RegisterTaskDefinitionRequest register) {
            String arn = call("RegisterTaskDefinition", () -> ecs.registerTaskDefinition(register))
                    .taskDefinition()
                    .taskDefinitionArn();
            say("Registered task definition " + arn);
            int count = deployment.taskCount();
            update(arn, count - 1);
            boolean scaled = false;
            while (true) {
                switch (check(arn)) {
                    case DONE -> {
                        say("Service " + deployment.service() + " runs " + arn + " on " + count + " task(s)");
                        return;
                    }
                    case SCALE -> {
                        if (!scaled) {
                            update(arn, count);
                            scaled = true;
                            continue;
                        }
                    }
                    case WAIT -> {}
                }
                pause(arn);
            }
        }

        private void update(String arn, int desiredCount) {
            call(
                    "UpdateService",
                    () -> ecs.updateService(u -> u.cluster(deployment.cluster())
                            .service(deployment.service())
                            .taskDefinition(arn)
                            .desiredCount(desiredCount)));
            say("Updated service " + deployment.service() + " to " + arn + " with " + desiredCount + " task(s)");
        }

        private Step check(String arn) {
            DescribeServicesResponse described = call(
                    "DescribeServices",
                    () -> ecs.describeServices(
                            d -> d.cluster(deployment.cluster()).services(deployment.service())));
            Service service = described.services().stream()
                    .filter(s -> deployment.service().equals(s.serviceName())
                            || deployment.service().equals(s.serviceArn()))
                    .findFirst()
                    .orElseThrow(() -> new DeployTargetException("Service " + deployment.service()
                            + " not found in cluster " + deployment.cluster()
                            + failures(described)));
            var ours = service.deployments().stream()
                    .filter(d -> arn.equals(d.taskDefinition()))
                    .findFirst()
                    .orElseThrow(() ->
                            new DeployTargetException("Task " + arn + " not found in service " + deployment.service()));
            int count = deployment.taskCount();
            int running = ours.runningCount() == null ? -1 : ours.runningCount();
            int desired = ours.desiredCount() == null ? -1 : ours.desiredCount();
            String status = ours.status();
            if ("PRIMARY".equals(status)) {
                if (running == count && desired == count) {
                    return Step.DONE;
                }
                if (running == count - 1 && desired == count - 1) {
                    boolean othersActive =
                            service.deployments().stream().anyMatch(d -> d != ours && "ACTIVE".equals(d.status()));
                    return othersActive ? Step.WAIT : Step.SCALE;
                }
                return Step.WAIT;
            }
            if ("ACTIVE".equals(status)) {
                return Step.DONE;
            }
            throw new DeployTargetException("Deployment " + ours.id() + " of task " + arn + " in service "
                    + deployment.service() + " is " + status);
        }

        private void pause(String arn) {
            if (System.nanoTime() + pollInterval.toNanos() > deadline) {
                throw new DeployTargetException("Service " + deployment.service() + " in cluster "
                        + deployment.cluster() + " did not run " + arn + " on " + deployment.taskCount()
                        + " task(s) within " + timeout);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployTargetException("interrupted while waiting for service " + deployment.service(), e);
            }
        }

        /** One ECS call; a refusal or no answer becomes a message naming the call. */
        private <T> T call(String operation, Supplier<T> request) {
            try {
                return request.get();
            } catch (AwsServiceException e) {
                throw new DeployTargetException(
                        "ECS refused " + operation + " for service " + deployment.service() + " in cluster "
                                + deployment.cluster() + ": "
                                + e.awsErrorDetails().errorCode() + ": "
                                + e.awsErrorDetails().errorMessage(),
                        e);
            } catch (SdkClientException e) {
                throw new DeployTargetException(
                        "could not call ECS " + operation + " (" + where(deployment) + "): " + e.getMessage(), e);
            }
        }

        private void say(String line) {
            LOG.log(System.Logger.Level.INFO, line);
            progress.accept(line);
        }
    }

    private enum Step {
        DONE,
        SCALE,
        WAIT
    }

    private static String failures(DescribeServicesResponse described) {
        if (!described.hasFailures() || described.failures().isEmpty()) {
            return "";
        }
        return " ("
                + described.failures().stream()
                        .map(f -> f.arn() + ": " + f.reason())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("")
                + ")";
    }

    static EcsClient client(EcsDeployment deployment) {
        EcsClientBuilder builder = EcsClient.builder()
                .region(Region.of(deployment.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        // Without keys the SDK's own default chain (environment, profile, instance role), which the client closes.
        if (deployment.accessKeyId() != null && !deployment.accessKeyId().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(deployment.accessKeyId(), deployment.secretAccessKey())));
        }
        Optional.ofNullable(deployment.endpoint())
                .filter(e -> !e.isBlank())
                .map(URI::create)
                .ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String where(EcsDeployment deployment) {
        return deployment.endpoint() == null || deployment.endpoint().isBlank()
                ? "region " + deployment.region()
                : deployment.endpoint();
    }
}
