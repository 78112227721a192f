package org.openaperture.deployer.infrastructure;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openaperture.deployer.application.DeployTarget;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;
import org.openaperture.worker.infrastructure.TaggedProcesses;

/**
 * Runs each unit instance as a process on this node: the unit's {@code [Service] ExecStart} through {@code sh -c}
 * in {@code <work dir>/<instance>}, with {@code PORT} set to the instance's port. Its output goes to {@code
 * stdout.log} and {@code stderr.log} there; {@link #logs} answers their last lines.
 *
 * <p>An instance is {@code active} once it is healthy: {@code [X-OpenAperture] HealthCheck} (a command, exit 0)
 * when the unit has one, else a TCP connect to {@code [X-OpenAperture] HealthPort} or the instance's port, else
 * as soon as it runs. Until then it is {@code activating}; a process that ended is {@code failed} (non-zero
 * exit) or {@code inactive}/{@code dead}. One machine: this node. {@link #close()} ends every process.
 *
 * <p>Each instance's processes carry {@code OA_UNIT=<instance directory>} in their environment, and the directory
 * holds the instance ({@code instance.json}). A node killed without closing this target leaves its instances
 * running; the next target on the same work directory finds them again (adopts them), so that they are listed,
 * replaced by the next deploy and stopped by a cancel or {@link #close()} as if it had launched them.
 */
public class LocalProcessTarget implements DeployTarget, AutoCloseable {
    private static final Logger LOG = System.getLogger(LocalProcessTarget.class.getName());
    public static final String SECTION = "X-OpenAperture";
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path workDir;
    private final String machineId;
    private final String primaryIp;
    private final int logLines;
    private final Map<String, Running> running = new LinkedHashMap<>();

    static final String TAG = "OA_UNIT";
    static final String INSTANCE_FILE = "instance.json";

    /**
     * One instance and its processes: the one this target started ({@code process}), or, for an instance an
     * earlier node started, the processes found by their tag ({@code process} null).
     */
    private record Running(UnitInstance instance, Process process, List<ProcessHandle> adopted, Path dir) {
        boolean alive() {
            return process != null ? process.isAlive() : adopted.stream().anyMatch(ProcessHandle::isAlive);
        }

        /** Whether it ended with a non-zero exit; an adopted instance's exit code is unknown. */
        boolean failed() {
            return process != null && !process.isAlive() && process.exitValue() != 0;
        }

        List<ProcessHandle> tree() {
            List<ProcessHandle> tree = new ArrayList<>();
            List<ProcessHandle> roots = process != null ? List.of(process.toHandle()) : adopted;
            for (ProcessHandle root : roots) {
                tree.addAll(root.descendants().toList());
                tree.add(root);
            }
            return tree;
        }

        String pid() {
            return process != null
                    ? String.valueOf(process.pid())
                    : adopted.stream()
                            .map(h -> String.valueOf(h.pid()))
                            .reduce((a, b) -> a + "," + b)
                            .orElse("-");
        }
    }

    public LocalProcessTarget(Path workDir, String machineId, String primaryIp, int logLines) {
        this.workDir = workDir;
        this.machineId = machineId;
        this.primaryIp = primaryIp;
        this.logLines = logLines;
        adoptLeftovers();
    }

    /** Takes over the instances an earlier node on this work directory launched and left running. */
    private void adoptLeftovers() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (var dirs = Files.list(workDir)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(INSTANCE_FILE)))
                    .toList()) {
                List<ProcessHandle> found = TaggedProcesses.find(TAG, dir.toString());
                if (found.isEmpty()) {
                    continue;
                }
                // The tag is inherited: keep only the processes whose parent is not one of them.
                List<ProcessHandle> roots = found.stream()
                        .filter(h -> h.parent()
                                .map(parent -> !found.contains(parent))
                                .orElse(true))
                        .toList();
                UnitInstance instance = InstanceFile.read(dir.resolve(INSTANCE_FILE));
                running.put(instance.name(), new Running(instance, null, roots, dir));
                LOG.log(
                        Level.WARNING,
                        "found {0} running from before this node started (pid {1}); it is managed again",
                        instance.name(),
                        running.get(instance.name()).pid());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not look for instances left running in " + workDir + ": " + e);
        }
    }

    @Override
    public List<Machine> machines(String cluster) {
        return List.of(new Machine(machineId, primaryIp, Map.of("target", "local-process")));
    }

    @Override
    public synchronized List<UnitState> units(String cluster) {
        List<UnitState> states = new ArrayList<>();
        for (Running r : running.values()) {
            states.add(state(r));
        }
        return states;
    }

    @Override
    public synchronized void launch(String cluster, UnitInstance instance) {
        String name = instance.name();
        if (running.containsKey(name)) {
            stop(running.remove(name));
        }
        String command = instance.unit()
                .option("Service", "ExecStart")
                .map(LocalProcessTarget::withoutPrefixes)
                .filter(c -> !c.isBlank())
                .orElseThrow(() -> new DeployTargetException(
                        "unit " + instance.unit().name() + " has no [Service] ExecStart: nothing to run"));
        Path dir = workDir.resolve(safe(name));
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(dir.resolve("stderr.log").toFile());
            builder.environment().put("PORT", String.valueOf(instance.port()));
            TaggedProcesses.tag(builder, TAG, dir.toString());
            InstanceFile.write(dir.resolve(INSTANCE_FILE), instance);
            running.put(name, new Running(instance, builder.start(), List.of(), dir));
            LOG.log(Level.INFO, "launched {0} in {1}", name, dir);
        } catch (IOException e) {
            throw new DeployTargetException("could not start " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String cluster, String instanceName) {
        Running r = running.remove(instanceName);
        if (r == null) {
            throw new DeployTargetException("no unit instance " + instanceName + " runs on " + machineId);
        }
        stop(r);
    }

    @Override
    public synchronized String logs(String cluster, String instanceName) {
        Running r = find(instanceName);
        return tail(r.dir().resolve("stdout.log")) + "\n\n" + tail(r.dir().resolve("stderr.log"));
    }

    @Override
    public synchronized String restart(String cluster, String instanceName) {
        Running r = find(instanceName);
        stop(r);
        running.remove(instanceName);
        launch(cluster, r.instance());
        return "Stopped " + instanceName + "\nStarted " + instanceName + " (pid "
                + running.get(instanceName).pid() + ")";
    }

    @Override
    public Map<String, NodeInfo> nodeInfo(String cluster, List<String> addresses) {
        Map<String, NodeInfo> info = new LinkedHashMap<>();
        for (String address : addresses) {
            info.put(
                    address,
                    address.equals(primaryIp) || address.equals(machineId)
                            ? new NodeInfo(diskUsePercent(), os(), "Java " + Runtime.version())
                            : new NodeInfo(0, null, null));
        }
        return info;
    }

    /** Ends every process: the application is going away. */
    @Override
    public synchronized void close() {
        running.values().forEach(this::stop);
        running.clear();
    }

    private UnitState state(Running r) {
        String name = r.instance().name();
        if (!r.alive()) {
            boolean failed = r.failed();
            return new UnitState(
                    name,
                    machineId,
                    "launched",
                    "launched",
                    "loaded",
                    failed ? "failed" : "inactive",
                    failed ? "failed" : "dead");
        }
        boolean healthy = healthy(r);
        return new UnitState(
                name,
                machineId,
                "launched",
                "launched",
                "loaded",
                healthy ? "active" : "activating",
                healthy ? "running" : "start");
    }

    private boolean healthy(Running r) {
        DeployableUnit unit = r.instance().unit();
        Optional<String> check = unit.option(SECTION, "HealthCheck");
        if (check.isPresent()) {
            return healthCommand(check.get(), r);
        }
        int port = unit.option(SECTION, "HealthPort")
                .map(String::strip)
                .map(LocalProcessTarget::port)
                .orElse(r.instance().port());
        return port <= 0 || connects(port);
    }

    private boolean healthCommand(String command, Running r) {
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                    .directory(r.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", String.valueOf(r.instance().port()));
            Process p = builder.start();
            if (!p.waitFor(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the process tree: politely, then by force, and waits until every process of it is gone. */
    private void stop(Running r) {
        List<ProcessHandle> tree = r.tree();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle h : tree) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(
                        Level.WARNING,
                        "process {0} of {1} did not end",
                        h.pid(),
                        r.instance().name());
            }
        }
        LOG.log(Level.INFO, "stopped {0}", r.instance().name());
    }

    private Running find(String instanceName) {
        Running r = running.get(instanceName);
        if (r == null) {
            throw new DeployTargetException("no unit instance " + instanceName + " runs on " + machineId);
        }
        return r;
    }

    /** The last {@code logLines} lines of {@code file}, read from its last 64 KiB. */
    private String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R", -1);
            Deque<String> last = new ArrayDeque<>();
            int start = size < length ? 1 : 0; // the first line may be cut
            int end = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
            for (int i = start; i < end; i++) {
                last.addLast(lines[i]);
                if (last.size() > logLines) {
                    last.removeFirst();
                }
            }
            return String.join("\n", last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int diskUsePercent() {
        try {
            Files.createDirectories(workDir);
            FileStore store = Files.getFileStore(workDir);
            long total = store.getTotalSpace();
            return total <= 0 ? 0 : (int) Math.round(100.0 * (total - store.getUsableSpace()) / total);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** systemd's {@code -}, {@code +}, {@code !}, {@code :} prefixes of ExecStart mean nothing to {@code sh}. */
    private static String withoutPrefixes(String command) {
        String c = command.strip();
        while (!c.isEmpty() && "-+!:".indexOf(c.charAt(0)) >= 0) {
            c = c.substring(1);
        }
        return c;
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DeployTargetException("[" + SECTION + "] HealthPort must be a port number, not " + text);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._@-]", "_");
    }
}
