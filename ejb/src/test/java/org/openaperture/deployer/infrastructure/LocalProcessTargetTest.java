package org.openaperture.deployer.infrastructure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.DeployPlan;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitOption;
import org.openaperture.deployer.domain.UnitState;

/** The local-process target against real processes: {@code python3 -m http.server} as the unit. */
class LocalProcessTargetTest {
    private static boolean python;

    @TempDir
    Path work;

    private LocalProcessTarget target;

    @BeforeAll
    static void findPython() throws Exception {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import http.server")
                    .redirectErrorStream(true)
                    .start();
            python = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            python = false;
        }
    }

    @AfterEach
    void tearDown() {
        if (target != null) {
            target.close();
        }
    }

    private LocalProcessTarget target() {
        target = new LocalProcessTarget(work, "node-1", "127.0.0.1", 50);
        return target;
    }

    private static DeployableUnit unit(String name, String execStart, UnitOption... extra) {
        List<UnitOption> options = new ArrayList<>();
        options.add(new UnitOption("Service", "ExecStart", execStart));
        options.addAll(List.of(extra));
        return new DeployableUnit(name, options);
    }

    private static UnitInstance instance(DeployableUnit unit, int index, int port) {
        return new UnitInstance(DeployPlan.withPort(unit, port), index, port);
    }

    /** The state of unit {@code name} once it satisfies {@code until}; fails, naming the last state, after 20 s. */
    private UnitState awaitState(String name, Predicate<UnitState> until) {
        return await(name + "'s state")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> target.units("c").stream()
                                .filter(s -> s.name().equals(name))
                                .findFirst(),
                        state -> state.isPresent() && until.test(state.get()))
                .orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aServerBecomesActiveOnItsPortLogsAndIsRemovedWithItsProcesses() throws Exception {
        assumeTrue(python, "python3 with http.server is needed");
        int port = freePort();
        DeployableUnit web = unit(
                "web@.service",
                "echo starting on $PORT; echo to-stderr >&2; exec python3 -m http.server <%= dst_port %>"
                        + " --bind 127.0.0.1");
        target().launch("c", instance(web, 0, port));

        UnitState state = awaitState("web@0.service", s -> "active".equals(s.activeState()));
        assertEquals("running", state.subState());
        assertEquals("node-1", state.machineId());

        String logs = target.logs("c", "web@0.service");
        assertTrue(logs.startsWith("starting on " + port), logs);
        assertTrue(logs.contains("\n\nto-stderr"), logs);

        long pid = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("http.server " + port))
                .findFirst()
                .orElseThrow()
                .pid();
        target.remove("c", "web@0.service");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the server is gone");
        assertTrue(target.units("c").isEmpty());
        assertThrows(DeployTargetException.class, () -> target.logs("c", "web@0.service"));
    }

    @Test
    void aTargetOnTheSameWorkDirectoryFindsTheInstancesAnEarlierNodeLeftRunningAndStopsThem() throws Exception {
        assumeTrue(python, "python3 with http.server is needed");
        int port = freePort();
        DeployableUnit web = unit(
                "web@.service",
                "python3 -m http.server <%= dst_port %> --bind 127.0.0.1",
                new UnitOption("X-OpenAperture", "HealthPort", String.valueOf(port)));
        // The node that launched it is killed: its target is never closed.
        LocalProcessTarget killed = new LocalProcessTarget(work, "node-1", "127.0.0.1", 50);
        killed.launch("c", instance(web, 0, port));
        target = killed;
        awaitState("web@0.service", s -> "active".equals(s.activeState()));
        long pid = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("http.server " + port))
                .findFirst()
                .orElseThrow()
                .pid();

        LocalProcessTarget restarted = target();
        UnitState found = awaitState("web@0.service", s -> "active".equals(s.activeState()));
        assertEquals("running", found.subState());

        restarted.remove("c", "web@0.service");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the server is gone");
        assertTrue(restarted.units("c").isEmpty());
    }

    @Test
    void aRestartStopsAndStartsTheInstanceAgain() throws Exception {
        assumeTrue(python, "python3 with http.server is needed");
        int port = freePort();
        target().launch(
                        "c",
                        instance(unit("web@.service", "exec python3 -m http.server $PORT --bind 127.0.0.1"), 1, port));
        awaitState("web@1.service", s -> "active".equals(s.activeState()));

        String said = target.restart("c", "web@1.service");
        assertTrue(said.startsWith("Stopped web@1.service\nStarted web@1.service"), said);
        awaitState("web@1.service", s -> "active".equals(s.activeState()));
    }

    @Test
    void startedButNotYetHealthyIsActivatingAndAHealthCommandDecides() throws Exception {
        Path flag = work.resolve("ready");
        DeployableUnit slow = unit(
                "slow@.service",
                "sleep 60",
                new UnitOption(LocalProcessTarget.SECTION, "HealthCheck", "test -f " + flag));
        target().launch("c", instance(slow, 0, 0));
        assertEquals("activating", awaitState("slow@0.service", s -> true).activeState());

        Files.createFile(flag);
        awaitState("slow@0.service", s -> "active".equals(s.activeState()));
    }

    @Test
    void aFailingCommandIsFailedAndOneThatEndsIsDead() throws Exception {
        target().launch("c", instance(unit("bad@.service", "echo broken >&2; exit 3"), 0, 0));
        target.launch("c", instance(unit("done@.service", "true"), 0, 0));

        UnitState bad = awaitState(
                "bad@0.service", s -> !"activating".equals(s.activeState()) && !"active".equals(s.activeState()));
        assertEquals("failed", bad.activeState());
        assertEquals("failed", bad.subState());
        assertTrue(target.logs("c", "bad@0.service").endsWith("\n\nbroken"));

        UnitState done = awaitState("done@0.service", s -> "inactive".equals(s.activeState()));
        assertEquals("dead", done.subState());
    }

    @Test
    void aUnitWithoutExecStartCannotBeLaunched() {
        DeployableUnit none = new DeployableUnit("x@.service", List.of(new UnitOption("Unit", "Description", "x")));
        var e = assertThrows(DeployTargetException.class, () -> target().launch("c", new UnitInstance(none, 0, 0)));
        assertEquals("unit x@.service has no [Service] ExecStart: nothing to run", e.getMessage());
    }

    @Test
    void thisNodeIsTheOneMachineAndTellsAboutItself() {
        assertEquals("node-1", target().machines("c").get(0).id());
        assertEquals("127.0.0.1", target.machines("c").get(0).primaryIp());
        Map<String, NodeInfo> info = target.nodeInfo("c", List.of("127.0.0.1", "192.0.2.9"));
        NodeInfo self = info.get("127.0.0.1");
        assertTrue(self.containerStoragePercent() >= 0 && self.containerStoragePercent() <= 100);
        assertTrue(self.osVersion().startsWith(System.getProperty("os.name")));
        assertTrue(self.runtimeVersion().startsWith("Java 17"), self.runtimeVersion());
        assertEquals(new NodeInfo(0, null, null), info.get("192.0.2.9"));
    }

    @Test
    void closingEndsEveryProcess() throws Exception {
        target().launch("c", instance(unit("a@.service", "sleep 60"), 0, 0));
        target.launch("c", instance(unit("b@.service", "sleep 61 & sleep 62; wait"), 0, 0));
        List<ProcessHandle> children = await("the units' processes started")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> ProcessHandle.current()
                                .descendants()
                                .filter(p -> p.info().commandLine().orElse("").contains("sleep 6"))
                                .toList(),
                        found -> found.size() >= 3);
        assertTrue(children.size() >= 3, children.toString());
        target.close();
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "every process ended");
    }
}
