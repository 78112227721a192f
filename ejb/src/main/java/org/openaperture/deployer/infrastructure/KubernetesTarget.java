package org.openaperture.deployer.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.deployer.application.DeployTarget;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;

/**
 * Runs each unit instance as a Kubernetes Deployment of one replica (components.md §11), through the fabric8
 * client on the JDK's HTTP client.
 *
 * <p><b>Names.</b> Instance {@code myapp@0.service} becomes Deployment {@code myapp-0}: lower case, {@code @} and
 * anything else not allowed in a DNS label turned into {@code -}, {@code .service} dropped, at most 63 characters.
 * A label value may not hold {@code @}, so the Deployment and its pods carry the label {@code
 * openaperture.org/unit=myapp-0} (the selector) and the exact instance name in the annotation {@code
 * openaperture.org/unit-name}; {@link #units} answers that name.
 *
 * <p><b>Image.</b> The container image is {@code [X-Kubernetes] Image=} when the unit has it. Otherwise it is
 * read from a simple {@code [Service] ExecStart=/usr/bin/docker run [options] image [args]}: the first word after
 * {@code run} that is not an option or an option's value; {@code -e}/{@code --env} become environment variables
 * and the words after the image the container's arguments. Shell constructs ({@code sh -c}, pipes, variables)
 * are not interpreted: such a unit needs {@code [X-Kubernetes] Image=}. A unit with neither is refused at launch.
 * The container port is the instance's port, else {@code [X-Kubernetes] Port=}, else none.
 *
 * <p><b>States.</b> {@code active}/{@code running} when the available replicas reach the desired ones; {@code
 * failed}/{@code failed} when a pod is {@code Failed}, a container waits in {@code CrashLoopBackOff} (or cannot
 * get its image), or the rollout reports {@code ProgressDeadlineExceeded}; {@code inactive}/{@code dead} when
 * scaled to zero; {@code activating} otherwise. {@code machineId} is the node of the instance's first pod.
 *
 * <p><b>Cluster.</b> One target serves one Kubernetes cluster and namespace, both from configuration ({@code
 * openaperture.deployer.kubernetes.*}, else the kubeconfig or the in-cluster service account); the {@code
 * cluster} argument (the envelope's {@code etcd_token}) is ignored. The client is made on first use, so a node
 * that never deploys to Kubernetes never connects, and closed when the application stops.
 */
@Named("kubernetes")
@ApplicationScoped
public class KubernetesTarget implements DeployTarget {

    /** The selector label: the DNS-safe name of the instance. */
    static final String UNIT_LABEL = "openaperture.org/unit";
    /** The exact instance name, which a label value cannot hold. */
    static final String UNIT_NAME_ANNOTATION = "openaperture.org/unit-name";

    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "openaperture";
    static final int LOG_LINES = 200;
    /** The template annotation {@code kubectl rollout restart} sets. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private static final System.Logger LOG = System.getLogger(KubernetesTarget.class.getName());
    private static final Set<String> FAILED_WAITING_REASONS =
            Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName");
    private static final Pattern NON_DNS = Pattern.compile("[^a-z0-9-]+");

    private Supplier<KubernetesClient> clientFactory;
    private String namespace;
    private Duration removeTimeout;
    private KubernetesClient client;

    @Inject
    public KubernetesTarget(
            @ConfigProperty(name = "openaperture.deployer.kubernetes.namespace", defaultValue = "default")
                    String namespace,
            @ConfigProperty(name = "openaperture.deployer.kubernetes.master-url") Optional<String> masterUrl,
            @ConfigProperty(name = "openaperture.deployer.kubernetes.token") Optional<String> token,
            @ConfigProperty(name = "openaperture.deployer.kubernetes.ca-file") Optional<String> caFile,
            @ConfigProperty(name = "openaperture.deployer.kubernetes.trust-certificates", defaultValue = "false")
                    boolean trustCertificates,
            @ConfigProperty(name = "openaperture.deployer.kubernetes.remove-timeout", defaultValue = "PT5M")
                    String removeTimeout) {
        this(
                () -> connect(namespace, masterUrl, token, caFile, trustCertificates),
                namespace,
                IsoDurations.positive("openaperture.deployer.kubernetes.remove-timeout", removeTimeout, "PT5M"));
    }

    KubernetesTarget(Supplier<KubernetesClient> clientFactory, String namespace, Duration removeTimeout) {
        this.clientFactory = clientFactory;
        this.namespace = namespace;
        this.removeTimeout = removeTimeout;
    }

    /** For CDI's proxy only. */
    protected KubernetesTarget() {}

    private static KubernetesClient connect(
            String namespace,
            Optional<String> masterUrl,
            Optional<String> token,
            Optional<String> caFile,
            boolean trustCertificates) {
        ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(null)).withNamespace(namespace);
        masterUrl.filter(s -> !s.isBlank()).ifPresent(config::withMasterUrl);
        token.filter(s -> !s.isBlank()).ifPresent(config::withOauthToken);
        caFile.filter(s -> !s.isBlank()).ifPresent(config::withCaCertFile);
        if (trustCertificates) {
            config.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        // The JDK client named here, not found through the service loader, which an EAR's class loaders can hide.
        return new KubernetesClientBuilder()
                .withConfig(config.build())
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    private synchronized KubernetesClient client() {
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public List<Machine> machines(String cluster) {
        return call("list the nodes", () -> client().nodes().list().getItems().stream()
                .map(n -> new Machine(
                        n.getMetadata().getName(),
                        internalIp(n).orElse(null),
                        n.getMetadata().getLabels() == null
                                ? Map.of()
                                : n.getMetadata().getLabels()))
                .toList());
    }

    @Override
    public List<UnitState> units(String cluster) {
        return call("list the deployments", () -> {
            List<Deployment> deployments = client().apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withLabel(MANAGED_BY_LABEL, MANAGED_BY)
                    .list()
                    .getItems();
            // One list of pods for all instances, grouped by the selector label, rather than a call per instance.
            Map<String, List<Pod>> pods =
                    client()
                            .pods()
                            .inNamespace(namespace)
                            .withLabel(MANAGED_BY_LABEL, MANAGED_BY)
                            .list()
                            .getItems()
                            .stream()
                            .filter(p -> p.getMetadata().getLabels() != null
                                    && p.getMetadata().getLabels().containsKey(UNIT_LABEL))
                            .collect(Collectors.groupingBy(
                                    p -> p.getMetadata().getLabels().get(UNIT_LABEL)));
            List<UnitState> states = new ArrayList<>();
            for (Deployment d : deployments) {
                states.add(state(d, pods.getOrDefault(d.getMetadata().getName(), List.of())));
            }
            return states;
        });
    }

    /** The state of one instance in the fleet/systemd vocabulary the monitor reads. */
    static UnitState state(Deployment deployment, List<Pod> pods) {
        String name = instanceName(deployment);
        String machine = pods.stream()
                .map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        int desired = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        DeploymentStatus status = deployment.getStatus();
        int available = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        if (failed(status, pods)) {
            return new UnitState(name, machine, "launched", "launched", "loaded", "failed", "failed");
        }
        if (desired == 0) {
            return new UnitState(name, machine, "launched", "inactive", "loaded", "inactive", "dead");
        }
        if (available >= desired) {
            return new UnitState(name, machine, "launched", "launched", "loaded", "active", "running");
        }
        return new UnitState(name, machine, "launched", "launched", "loaded", "activating", null);
    }

    private static boolean failed(DeploymentStatus status, List<Pod> pods) {
        if (status != null && status.getConditions() != null) {
            for (DeploymentCondition c : status.getConditions()) {
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    return true;
                }
            }
        }
        for (Pod pod : pods) {
            if (pod.getStatus() == null) {
                continue;
            }
            if ("Failed".equals(pod.getStatus().getPhase())) {
                return true;
            }
            List<ContainerStatus> containers = pod.getStatus().getContainerStatuses();
            if (containers == null) {
                continue;
            }
            for (ContainerStatus c : containers) {
                if (c.getState() != null
                        && c.getState().getWaiting() != null
                        && FAILED_WAITING_REASONS.contains(
                                c.getState().getWaiting().getReason())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void launch(String cluster, UnitInstance instance) {
        Deployment deployment = deployment(instance);
        call("launch " + instance.name(), () -> client().apps()
                .deployments()
                .inNamespace(namespace)
                .resource(deployment)
                .createOr(existing -> existing.update()));
        LOG.log(
                System.Logger.Level.INFO,
                "Launched {0} as deployment {1} in namespace {2}",
                instance.name(),
                deployment.getMetadata().getName(),
                namespace);
    }

    /** The Deployment that runs {@code instance}: one replica of its image. */
    static Deployment deployment(UnitInstance instance) {
        DeployableUnit unit = instance.unit();
        String name = deploymentName(instance.name());
        Container container = container(unit, instance.name());
        int port = instance.port() > 0
                ? instance.port()
                : unit.option("X-Kubernetes", "Port")
                        .map(String::strip)
                        .map(Integer::parseInt)
                        .orElse(0);
        ContainerBuilder c = new ContainerBuilder()
                .withName(name)
                .withImage(container.image())
                .withArgs(container.args().isEmpty() ? null : container.args())
                .withEnv(container.env());
        if (port > 0) {
            c.addNewPort().withContainerPort(port).withProtocol("TCP").endPort();
        }
        Map<String, String> labels = Map.of(UNIT_LABEL, name, MANAGED_BY_LABEL, MANAGED_BY);
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(Map.of(UNIT_NAME_ANNOTATION, instance.name()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(Map.of(UNIT_LABEL, name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(Map.of(UNIT_NAME_ANNOTATION, instance.name()))
                .endMetadata()
                .withNewSpec()
                .withContainers(c.build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** What the container runs, read from the unit's options as the class comment says. */
    record Container(String image, List<String> args, List<EnvVar> env) {}

    private static final Set<String> DOCKER_OPTIONS_WITH_VALUE = Set.of(
            "-p",
            "--publish",
            "-e",
            "--env",
            "-v",
            "--volume",
            "--name",
            "-h",
            "--hostname",
            "-m",
            "--memory",
            "-u",
            "--user",
            "-w",
            "--workdir",
            "-l",
            "--label",
            "--link",
            "--net",
            "--network",
            "--restart",
            "--entrypoint",
            "--log-driver",
            "--log-opt",
            "--add-host",
            "--dns",
            "-c",
            "--cpu-shares",
            "--env-file",
            "--expose",
            "--volumes-from",
            "--cidfile",
            "--memory-swap",
            "--cpuset-cpus",
            "--ulimit",
            "--pid",
            "--ipc");

    static Container container(DeployableUnit unit, String instanceName) {
        Optional<String> image = unit.option("X-Kubernetes", "Image").map(String::strip);
        if (image.isPresent() && !image.get().isEmpty()) {
            return new Container(image.get(), List.of(), List.of());
        }
        String execStart = unit.option("Service", "ExecStart").orElse("");
        List<String> words = List.of(execStart.strip().split("\\s+"));
        int run = -1;
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).replaceFirst("^-", "").endsWith("docker")
                    && words.get(i + 1).equals("run")) {
                run = i + 1;
                break;
            }
        }
        if (run < 0) {
            throw new DeployTargetException("unit " + instanceName
                    + " has no [X-Kubernetes] Image= and its ExecStart is not a docker run: add the image to the unit");
        }
        List<EnvVar> env = new ArrayList<>();
        for (int i = run + 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("-")) {
                String value = null;
                String option = word;
                int eq = word.indexOf('=');
                if (word.startsWith("--") && eq > 0) {
                    option = word.substring(0, eq);
                    value = word.substring(eq + 1);
                } else if (DOCKER_OPTIONS_WITH_VALUE.contains(word) && i + 1 < words.size()) {
                    value = words.get(++i);
                }
                if ((option.equals("-e") || option.equals("--env")) && value != null && value.contains("=")) {
                    int split = value.indexOf('=');
                    env.add(new EnvVar(value.substring(0, split), value.substring(split + 1), null));
                }
                continue;
            }
            return new Container(word, List.copyOf(words.subList(i + 1, words.size())), env);
        }
        throw new DeployTargetException("unit " + instanceName + ": no image found in its docker run command line");
    }

    /** {@code myapp@0.service} → {@code myapp-0}: a DNS label, as Deployment and container names must be. */
    static String deploymentName(String instanceName) {
        String base = instanceName.endsWith(".service")
                ? instanceName.substring(0, instanceName.length() - ".service".length())
                : instanceName;
        String name = NON_DNS.matcher(base.toLowerCase(Locale.ROOT)).replaceAll("-");
        name = name.replaceAll("-{2,}", "-").replaceAll("^-+", "");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        name = name.replaceAll("-+$", "");
        if (name.isEmpty()) {
            throw new DeployTargetException("unit " + instanceName + " has no name Kubernetes can use");
        }
        return name;
    }

    private static String instanceName(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String name = annotations == null ? null : annotations.get(UNIT_NAME_ANNOTATION);
        return name != null ? name : deployment.getMetadata().getName();
    }

    @Override
    public void remove(String cluster, String instanceName) {
        String name = deploymentName(instanceName);
        call("remove " + instanceName, () -> {
            client().apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                    .delete();
            long deadline = System.nanoTime() + removeTimeout.toNanos();
            try {
                client().apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .waitUntilCondition(Objects::isNull, removeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                throw new DeployTargetException("deployment " + name + " of " + instanceName + " in namespace "
                        + namespace + " was still there " + removeTimeout + " after it was deleted");
            }
            while (!pods(name).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new DeployTargetException("instance " + instanceName + " still has pods in namespace "
                            + namespace + " " + removeTimeout + " after it was deleted");
                }
                Thread.sleep(1000);
            }
            return null;
        });
    }

    @Override
    public String logs(String cluster, String instanceName) {
        String name = deploymentName(instanceName);
        return call("read the logs of " + instanceName, () -> {
            existing(instanceName, name);
            List<Pod> pods = pods(name);
            if (pods.isEmpty()) {
                return "instance " + instanceName + " has no pods in namespace " + namespace;
            }
            StringBuilder text = new StringBuilder();
            for (Pod pod : pods) {
                String podName = pod.getMetadata().getName();
                String log = client().pods()
                        .inNamespace(namespace)
                        .withName(podName)
                        .tailingLines(LOG_LINES)
                        .getLog();
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append("-- pod ").append(podName).append(" --\n").append(log == null ? "" : log);
            }
            return text.toString();
        });
    }

    @Override
    public String restart(String cluster, String instanceName) {
        String name = deploymentName(instanceName);
        return call("restart " + instanceName, () -> {
            existing(instanceName, name);
            // What kubectl rollout restart does: a new template annotation makes a new rollout.
            String at = Instant.now().toString();
            String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"" + at
                    + "\"}}}}}";
            client().apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return "deployment " + name + " in namespace " + namespace + " restarted at " + at;
        });
    }

    @Override
    public Map<String, NodeInfo> nodeInfo(String cluster, List<String> addresses) {
        return call("read the nodes", () -> {
            List<Node> nodes = client().nodes().list().getItems();
            Map<String, NodeInfo> info = new LinkedHashMap<>();
            for (String address : addresses) {
                Optional<Node> node = nodes.stream()
                        .filter(n -> n.getStatus() != null
                                && n.getStatus().getAddresses() != null
                                && n.getStatus().getAddresses().stream().anyMatch(a -> address.equals(a.getAddress())))
                        .findFirst();
                info.put(address, node.map(this::info).orElse(new NodeInfo(0, "", "")));
            }
            return info;
        });
    }

    private NodeInfo info(Node node) {
        var system = node.getStatus().getNodeInfo();
        String os = system == null ? "" : join(system.getOsImage(), system.getKernelVersion());
        String runtime = system == null
                ? ""
                : join(system.getContainerRuntimeVersion(), "kubelet " + system.getKubeletVersion());
        return new NodeInfo(storagePercent(node), os, runtime);
    }

    private static String join(String first, String second) {
        return first == null ? Objects.toString(second, "") : second == null ? first : first + ", " + second;
    }

    /**
     * Ephemeral storage in use, in percent, from the kubelet's summary ({@code /stats/summary} through the API
     * server's node proxy, {@code node.fs}); 0 when the summary cannot be read, as the original answered 0 when
     * {@code df} could not be parsed.
     */
    private int storagePercent(Node node) {
        try {
            String summary = client().raw("/api/v1/nodes/" + node.getMetadata().getName() + "/proxy/stats/summary");
            return storagePercent(summary);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "No storage summary for node {0}: {1}",
                    node.getMetadata().getName(),
                    e.toString());
            return 0;
        }
    }

    static int storagePercent(String summary) {
        if (summary == null || summary.isBlank()) {
            return 0;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(summary))) {
            JsonObject fs = reader.readObject().getJsonObject("node").getJsonObject("fs");
            long capacity = fs.getJsonNumber("capacityBytes").longValue();
            long used = fs.getJsonNumber("usedBytes").longValue();
            return capacity <= 0 ? 0 : (int) Math.round(100.0 * used / capacity);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Optional<String> internalIp(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress)
                .findFirst();
    }

    private Deployment existing(String instanceName, String name) {
        Deployment d = client().apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (d == null) {
            throw new DeployTargetException("instance " + instanceName + " is not deployed in namespace " + namespace
                    + " (no deployment " + name + ")");
        }
        return d;
    }

    private List<Pod> pods(String deploymentName) {
        return client().pods()
                .inNamespace(namespace)
                .withLabel(UNIT_LABEL, deploymentName)
                .list()
                .getItems();
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e) {
            return "";
        }
        // A refused connection has no message of its own: its type is the reason.
        return " (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
    }

    private <T> T call(String what, Step<T> step) {
        try {
            return step.run();
        } catch (DeployTargetException e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw new DeployTargetException(
                    "Kubernetes could not " + what + " in namespace " + namespace + ": " + e.getMessage()
                            + rootCause(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployTargetException("interrupted while trying to " + what, e);
        } catch (Exception e) {
            throw new DeployTargetException("could not " + what + " on Kubernetes: " + e, e);
        }
    }
}
