package org.openaperture.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code oa deploy}: creates a workflow for a repository and executes it, optionally following it to its end. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a workflow and executes it; prints its id.",
            "Without --source-repo, REPO is the source repository and REPO_docker the deployment repository",
            "(org/app builds from org/app and deploys with org/app_docker).",
            "With --follow: prints the build log and each milestone until the workflow ends; exits 1 when it",
            "failed or was cancelled. Ctrl-C detaches: the workflow goes on."
        })
final class DeployCommand implements Callable<Integer> {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @ParentCommand
    OaCommand root;

    @Parameters(paramLabel = "REPO", description = "e.g. org/app")
    String repo;

    @Option(
            names = "--source-repo",
            paramLabel = "REPO",
            description = "Build from this repository; REPO is then the deployment repository")
    String sourceRepo;

    @Option(
            names = "--milestones",
            split = ",",
            defaultValue = "config,build,deploy",
            paramLabel = "MILESTONE",
            description = "Default: ${DEFAULT-VALUE}")
    List<String> milestones;

    @Option(names = "--deployment-repo-git-ref", defaultValue = "master", paramLabel = "REF")
    String deploymentRef;

    @Option(names = "--source-repo-git-ref", defaultValue = "master", paramLabel = "REF")
    String sourceRef;

    @Option(names = "--force-build", description = "Build even when the image exists")
    boolean forceBuild;

    @Option(names = "--follow", description = "Follow the workflow to its end")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        ManagerApi api = root.api();
        WorkflowsCommand.Request request = sourceRepo == null
                ? new WorkflowsCommand.Request(repo + "_docker", deploymentRef, repo, sourceRef, milestones)
                : new WorkflowsCommand.Request(repo, deploymentRef, sourceRepo, sourceRef, milestones);
        String id = WorkflowsCommand.create(api, request);
        try {
            WorkflowsCommand.execute(api, id, forceBuild);
        } catch (ApiException e) {
            throw new CliException(
                    e.exitCode(),
                    "workflow " + id + " was created but not executed: " + e.describe("deploy", api.url()));
        } catch (CliException e) {
            throw new CliException(e.exitCode(), "workflow " + id + " was created but not executed: " + e.getMessage());
        }
        PrintWriter out = root.out();
        if (root.json() && !follow) {
            out.println(JsonText.pretty(WorkflowsCommand.fetch(api, id)));
            out.flush();
            return ExitCodes.OK;
        }
        out.println("workflow " + id + " created and executing");
        out.flush();
        if (!follow) {
            return ExitCodes.OK;
        }
        return followDetachable(api, id);
    }

    /** Ctrl-C leaves the workflow running: following is watching, not owning. */
    private int followDetachable(ManagerApi api, String id) throws InterruptedException {
        PrintWriter out = root.out();
        AtomicBoolean ended = new AtomicBoolean();
        Thread detach = new Thread(() -> {
            if (!ended.get()) {
                synchronized (out) {
                    out.println("detached: workflow " + id + " goes on; follow it with oa workflows get " + id);
                    out.flush();
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(detach);
        try {
            return new WorkflowFollower(api, id, out, root.env().err(), POLL_INTERVAL).follow();
        } finally {
            ended.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(detach);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran; there is nothing to undo.
            }
        }
    }
}
