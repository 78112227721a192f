package org.openaperture.builder.application;

import java.nio.file.Path;
import org.openaperture.worker.application.MilestoneFailedException;

/** The git operations of the Builder's milestones. Every failure is a {@link MilestoneFailedException}. */
public interface GitWorkspace {

    /** Clones {@code url} into {@code directory} (which must not exist) and checks out {@code ref}. */
    void cloneAt(String url, String ref, Path directory);

    /** The commit id checked out in {@code directory}. */
    String head(Path directory);

    /**
     * Commits the given files of the repo in {@code directory} with {@code message} and pushes the branch
     * checked out to its {@code origin}.
     */
    void commitAndPush(Path directory, java.util.List<String> files, String message);
}
