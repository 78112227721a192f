package org.openaperture.deployer.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitOption;
import org.openaperture.deployer.domain.UnitState;

/** The Kubernetes target against fabric8's mock API server in CRUD mode (it stores what it is sent). */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {

    static final String NS = "oa-test";

    KubernetesMockServer server;
    KubernetesClient client;

    KubernetesTarget target;

    @BeforeEach
    void setUp() {
        target = new KubernetesTarget(() -> client, NS, Duration.ofSeconds(5));
    }

    static UnitInstance instance(String unitName, int index, UnitOption... options) {
        return new UnitInstance(new DeployableUnit(unitName, List.of(options)), index, 0);
    }

    static UnitInstance myapp() {
        return instance("myapp@.service", 0, new UnitOption("X-Kubernetes", "Image", "registry.example/myapp:abc123"));
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    void makeAvailable(String name) {
        client.apps().deployments().inNamespace(NS).withName(name).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder()
                    .withReplicas(1)
                    .withAvailableReplicas(1)
                    .build());
            return d;
        });
    }

    void addPod(String deploymentName, String podName, String waitingReason) {
        var pod = new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(NS)
                .addToLabels(KubernetesTarget.UNIT_LABEL, deploymentName)
                .addToLabels(KubernetesTarget.MANAGED_BY_LABEL, KubernetesTarget.MANAGED_BY)
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewContainerStatus()
                .withName(deploymentName)
                .withNewState()
                .withNewWaiting()
                .withReason(waitingReason)
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();
    }

    @Test
    void launchCreatesOneDeploymentPerInstanceThatUnitsShowAsActivatingThenActive() {
        target.launch("token", myapp());

        Deployment d = deployment("myapp-0");
        assertNotNull(d);
        assertEquals("myapp-0", d.getMetadata().getLabels().get(KubernetesTarget.UNIT_LABEL));
        assertEquals("myapp@0.service", d.getMetadata().getAnnotations().get(KubernetesTarget.UNIT_NAME_ANNOTATION));
        assertEquals(1, d.getSpec().getReplicas());
        assertEquals(
                "registry.example/myapp:abc123",
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        List<UnitState> units = target.units("token");
        assertEquals(1, units.size());
        assertEquals("myapp@0.service", units.get(0).name());
        assertEquals("launched", units.get(0).desiredState());
        assertEquals("activating", units.get(0).activeState());

        makeAvailable("myapp-0");
        UnitState active = target.units("token").get(0);
        assertEquals("active", active.activeState());
        assertEquals("running", active.subState());
    }

    @Test
    void aPodInCrashLoopBackOffMakesTheUnitFailed() {
        target.launch("token", myapp());
        addPod("myapp-0", "myapp-0-abc", "CrashLoopBackOff");

        UnitState state = target.units("token").get(0);

        assertEquals("failed", state.activeState());
        assertEquals("failed", state.subState());
        assertEquals("node-1", state.machineId());
    }

    @Test
    void launchTakesThePortOfTheInstanceAndTheImageOfADockerRunLine() {
        var unit = new DeployableUnit(
                "web@.service",
                List.of(new UnitOption(
                        "Service",
                        "ExecStart",
                        "/usr/bin/docker run --rm --name web -p 0:8080 -e MODE=prod registry.example/web:1 serve"
                                + " --verbose")));
        target.launch("token", new UnitInstance(unit, 2, 8080));

        var container = deployment("web-2")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertEquals("registry.example/web:1", container.getImage());
        assertEquals(List.of("serve", "--verbose"), container.getArgs());
        assertEquals("MODE", container.getEnv().get(0).getName());
        assertEquals("prod", container.getEnv().get(0).getValue());
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
    }

    @Test
    void aUnitWithoutAnImageIsRefusedWithAReason() {
        var unit = instance("odd@.service", 0, new UnitOption("Service", "ExecStart", "/bin/sh -c 'exec server'"));

        var e = assertThrows(DeployTargetException.class, () -> target.launch("token", unit));

        assertTrue(e.getMessage().contains("[X-Kubernetes] Image="), e.getMessage());
    }

    @Test
    void deploymentNamesAreDnsLabels() {
        assertEquals("myapp-0", KubernetesTarget.deploymentName("myapp@0.service"));
        assertEquals("my-app-12", KubernetesTarget.deploymentName("My_App@12.service"));
        assertEquals(
                63,
                KubernetesTarget.deploymentName("x".repeat(80) + "@1.service").length());
    }

    @Test
    void removeDeletesTheDeploymentAndReturnsOnceItIsGone() {
        target.launch("token", myapp());
        target.launch("token", instance("other@.service", 1, new UnitOption("X-Kubernetes", "Image", "o:1")));

        target.remove("token", "myapp@0.service");

        assertNull(deployment("myapp-0"));
        assertEquals(
                List.of("other@1.service"),
                target.units("token").stream().map(UnitState::name).toList());
    }

    @Test
    void removingAnInstanceThatIsNotThereIsNotAnError() {
        target.remove("token", "gone@3.service");

        assertTrue(target.units("token").isEmpty());
    }

    @Test
    void machinesAreTheNodesWithTheirInternalIp() {
        client.nodes().resource(node("node-1", "10.0.0.11")).create();
        client.nodes().resource(node("node-2", "10.0.0.12")).create();

        List<Machine> machines = target.machines("token");

        assertEquals(
                List.of("node-1=10.0.0.11", "node-2=10.0.0.12"),
                machines.stream()
                        .map(m -> m.id() + "=" + m.primaryIp())
                        .sorted()
                        .toList());
    }

    @Test
    void logsAreThoseOfTheDeploymentsPods() {
        target.launch("token", myapp());
        addPod("myapp-0", "myapp-0-abc", "ContainerCreating");
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NS + "/pods/myapp-0-abc/log?pretty=false&tailLines="
                        + KubernetesTarget.LOG_LINES)
                .andReturn(200, "listening on 8080\n")
                .once();

        String logs = target.logs("token", "myapp@0.service");

        assertTrue(logs.contains("-- pod myapp-0-abc --"), logs);
        assertTrue(logs.contains("listening on 8080"), logs);
    }

    @Test
    void logsOfAnInstanceThatIsNotDeployedSaySo() {
        var e = assertThrows(DeployTargetException.class, () -> target.logs("token", "nope@0.service"));

        assertTrue(e.getMessage().contains("nope@0.service is not deployed"), e.getMessage());
    }

    @Test
    void restartSetsTheRolloutRestartAnnotationOnThePodTemplate() {
        target.launch("token", myapp());

        String answer = target.restart("token", "myapp@0.service");

        assertTrue(answer.contains("myapp-0"), answer);
        Map<String, String> annotations =
                deployment("myapp-0").getSpec().getTemplate().getMetadata().getAnnotations();
        assertNotNull(annotations.get(KubernetesTarget.RESTARTED_AT), annotations.toString());
        assertEquals("myapp@0.service", annotations.get(KubernetesTarget.UNIT_NAME_ANNOTATION));
    }

    @Test
    void nodeInfoGivesVersionsAndStoragePerAddress() {
        client.nodes().resource(node("node-1", "10.0.0.11")).create();
        server.expect()
                .get()
                .withPath("/api/v1/nodes/node-1/proxy/stats/summary")
                .andReturn(
                        200, "{\"node\":{\"nodeName\":\"node-1\",\"fs\":{\"capacityBytes\":1000,\"usedBytes\":420}}}")
                .always();

        Map<String, NodeInfo> info = target.nodeInfo("token", List.of("10.0.0.11", "10.9.9.9"));

        NodeInfo known = info.get("10.0.0.11");
        assertEquals(42, known.containerStoragePercent());
        assertEquals("Ubuntu 24.04 LTS, 6.8.0", known.osVersion());
        assertEquals("containerd://1.7.22, kubelet v1.31.2", known.runtimeVersion());
        assertEquals(new NodeInfo(0, "", ""), info.get("10.9.9.9"));
    }

    @Test
    void theConfiguredTargetConnectsOnFirstUseToTheConfiguredMasterAndClosesOnShutdown() {
        client.nodes().resource(node("node-1", "10.0.0.11")).create();
        var configured = new KubernetesTarget(
                NS,
                Optional.of(client.getMasterUrl().toString()),
                Optional.of("a-token"),
                Optional.empty(),
                true,
                "PT5S");
        try {
            assertEquals(
                    List.of("node-1"),
                    configured.machines("token").stream().map(Machine::id).toList());
            configured.launch("token", myapp());
            assertNotNull(deployment("myapp-0"));
        } finally {
            configured.close();
        }
    }

    static io.fabric8.kubernetes.api.model.Node node(String name, String ip) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .endMetadata()
                .withNewStatus()
                .addNewAddress()
                .withType("Hostname")
                .withAddress(name)
                .endAddress()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(ip)
                .endAddress()
                .withNewNodeInfo()
                .withOsImage("Ubuntu 24.04 LTS")
                .withKernelVersion("6.8.0")
                .withContainerRuntimeVersion("containerd://1.7.22")
                .withKubeletVersion("v1.31.2")
                .endNodeInfo()
                .endStatus()
                .build();
    }
}
