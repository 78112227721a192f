package org.openaperture.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Follows a running workflow until it ends: its build log from the server-sent events of
 * {@code /workflows/{id}/build_logs} on a background thread, its milestones by polling the workflow.
 */
final class WorkflowFollower {

    /** The step a workflow is at once it ended well; not a milestone. */
    static final String COMPLETED_STEP = "workflow_completed";

    /** How many of the last event log lines explain a failure. */
    private static final int REASON_LINES = 3;

    /** How long to let log lines already on their way arrive after the workflow ended. */
    private static final Duration LOG_QUIET = Duration.ofMillis(500);

    private static final Duration LOG_DRAIN_LIMIT = Duration.ofSeconds(2);

    private final ManagerApi api;
    private final String id;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration interval;

    private volatile InputStream logStream;
    private volatile long lastLogActivity = System.nanoTime();
    private volatile boolean stopping;

    WorkflowFollower(ManagerApi api, String id, PrintWriter out, PrintWriter err, Duration interval) {
        this.api = api;
        this.id = id;
        this.out = out;
        this.err = err;
        this.interval = interval;
    }

    /** {@link ExitCodes#OK} when the workflow completed, {@link ExitCodes#FAILED} when it failed or was cancelled. */
    int follow() throws InterruptedException {
        Thread logs = new Thread(this::streamLogs, "oa-build-log");
        logs.setDaemon(true);
        logs.start();
        try {
            JsonObject ended = pollUntilEnded();
            drain(logs);
            return report(ended);
        } finally {
            stopping = true;
            closeLogStream();
        }
    }

    private JsonObject pollUntilEnded() throws InterruptedException {
        String lastStep = null;
        String lastWaiting = null;
        while (true) {
            JsonObject workflow = WorkflowsCommand.fetch(api, id);
            String step = JsonText.text(workflow, "current_step");
            if (!Objects.equals(step, lastStep)) {
                if (isMilestone(lastStep)) {
                    String took = JsonText.text(JsonText.object(workflow, "workflow_step_durations"), lastStep);
                    say("milestone " + lastStep + " finished" + (took == null ? "" : " in " + took));
                }
                if (isMilestone(step)) {
                    say("milestone " + step + " started");
                }
                lastStep = step;
            }
            String waiting = JsonText.text(workflow, "waiting_for");
            if (waiting != null && !waiting.equals(lastWaiting)) {
                say("waiting for " + waiting);
            }
            lastWaiting = waiting;
            if (JsonText.isTrue(workflow, "workflow_completed")) {
                return workflow;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private int report(JsonObject workflow) {
        if (!JsonText.isTrue(workflow, "workflow_error")) {
            String took = JsonText.text(workflow, "workflow_duration");
            say("workflow " + id + " completed" + (took == null ? "" : " in " + took));
            return ExitCodes.OK;
        }
        List<String> log = JsonText.strings(JsonText.array(workflow, "event_log"));
        List<String> reason = log.subList(Math.max(0, log.size() - REASON_LINES), log.size());
        boolean cancelled = reason.stream()
                .anyMatch(line -> line != null && line.toLowerCase().contains("cancelled"));
        String step = JsonText.text(workflow, "current_step");
        synchronized (out) {
            out.flush();
        }
        synchronized (err) {
            err.println("oa: workflow " + id + (cancelled ? " was cancelled" : " failed")
                    + (isMilestone(step) ? " at milestone " + step : "")
                    + (reason.isEmpty() ? "" : ": " + reason.get(reason.size() - 1)));
            if (reason.size() > 1) {
                reason.subList(0, reason.size() - 1).forEach(line -> err.println("  " + line));
            }
            err.flush();
        }
        return ExitCodes.FAILED;
    }

    private static boolean isMilestone(String step) {
        return step != null && !COMPLETED_STEP.equals(step);
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Reads {@code build_log} events until the stream ends or the follower stops; a log is a nicety, so no errors. */
    private void streamLogs() {
        try (InputStream stream = api.events("/workflows/" + ManagerApi.encode(id) + "/build_logs")) {
            logStream = stream;
            lastLogActivity = System.nanoTime();
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!stopping && (line = reader.readLine()) != null) {
                lastLogActivity = System.nanoTime();
                if (line.isEmpty()) {
                    dispatch(event, data.toString());
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring("data:".length()).stripLeading());
                }
            }
        } catch (CliException e) {
            if (!stopping) {
                synchronized (err) {
                    err.println("oa: no build log: " + e.getMessage());
                    err.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The stream ended under us, e.g. closed on the way out; the polling decides how the workflow ends.
        } finally {
            lastLogActivity = System.nanoTime();
        }
    }

    private void dispatch(String event, String data) {
        if (!"build_log".equals(event) || data.isEmpty()) {
            return;
        }
        JsonValue json = JsonText.tryParse(data);
        for (String entry : JsonText.strings(JsonText.array(json, "logs"))) {
            if (entry == null) {
                continue;
            }
            synchronized (out) {
                entry.lines().forEach(line -> out.println("  | " + line));
                out.flush();
            }
        }
    }

    private void drain(Thread logs) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_DRAIN_LIMIT.toNanos();
        while (logs.isAlive()
                && System.nanoTime() < deadline
                && System.nanoTime() - lastLogActivity < LOG_QUIET.toNanos()) {
            logs.join(50);
        }
    }

    private void closeLogStream() {
        InputStream stream = logStream;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // Closing only stops the reader; nothing is lost.
            }
        }
    }
}
