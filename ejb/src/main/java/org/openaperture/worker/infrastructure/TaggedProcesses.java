package org.openaperture.worker.infrastructure;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processes a node starts, found again by a tag in their environment ({@code KEY=value}, inherited by every
 * process they start) after the node lost them: a node killed with {@code kill -9} leaves its builds and units
 * running, and the node that starts next finds them here. Reads {@code /proc/<pid>/environ}, so it finds
 * processes of the node's own user on Linux; elsewhere it finds none.
 */
public final class TaggedProcesses {
    private static final Logger LOG = System.getLogger(TaggedProcesses.class.getName());
    private static final Path PROC = Path.of("/proc");

    private TaggedProcesses() {}

    /** Tags what {@code builder} starts with {@code key=value}. */
    public static void tag(ProcessBuilder builder, String key, String value) {
        builder.environment().put(key, value);
    }

    /** The live processes tagged {@code key=value}, this JVM excluded. */
    public static List<ProcessHandle> find(String key, String value) {
        byte[] tag = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                if (hasEntry(dir.resolve("environ"), tag)) {
                    ProcessHandle.of(Long.parseLong(name))
                            .filter(ProcessHandle::isAlive)
                            .ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not list the processes of this machine: {0}", e.toString());
        }
        return found;
    }

    /** Kills every live process tagged {@code key=value}; answers how many there were. */
    public static int kill(String key, String value) {
        List<ProcessHandle> found = find(key, value);
        found.forEach(ProcessHandle::destroyForcibly);
        return found.size();
    }

    /** Whether the NUL-separated {@code environ} file holds exactly the entry {@code tag}. */
    private static boolean hasEntry(Path environ, byte[] tag) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == tag.length && java.util.Arrays.equals(env, start, i, tag, 0, tag.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
