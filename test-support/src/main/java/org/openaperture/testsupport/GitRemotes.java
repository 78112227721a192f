package org.openaperture.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Bare git repositories on this machine, where a node's Builder clones from and pushes to: {@code <base>/<org>/<name>.git},
 * the layout {@code openaperture.builder.git.base-url} points at.
 */
public final class GitRemotes {
    private final Path base;

    public GitRemotes(Path base) {
        this.base = base;
    }

    /** Creates {@code org/name} with one commit on master holding {@code files}; answers the commit's sha. */
    public String create(String repo, Map<String, String> files) {
        Path bare = base.resolve(repo + ".git");
        try {
            Files.createDirectories(bare.getParent());
            Git.init()
                    .setBare(true)
                    .setInitialBranch("master")
                    .setDirectory(bare.toFile())
                    .call()
                    .close();
            Path seed = Files.createTempDirectory("seed");
            try (Git git = Git.cloneRepository()
                    .setURI(bare.toUri().toString())
                    .setDirectory(seed.toFile())
                    .call()) {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Path path = seed.resolve(file.getKey());
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                    if (file.getKey().endsWith(".sh")) {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                git.add().addFilepattern(".").call();
                RevCommit commit = git.commit()
                        .setMessage("Initial commit")
                        .setAuthor("e2e", "e2e@example.test")
                        .setCommitter("e2e", "e2e@example.test")
                        .call();
                git.push().setRemote("origin").add("master").call();
                return commit.getName();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("could not create " + bare + ": " + e.getMessage(), e);
        }
    }

    /** The newest commit on master of {@code org/name}, and the text of {@code file} in it. */
    public String fileAtHead(String repo, String file) {
        try (Git git = Git.open(base.resolve(repo + ".git").toFile())) {
            var repository = git.getRepository();
            var head = repository.resolve(Constants.R_HEADS + "master");
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, file, commit.getTree())) {
                    if (tree == null) {
                        return null;
                    }
                    return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of the newest commit on master of {@code org/name}. */
    public String headMessage(String repo) {
        try (Git git = Git.open(base.resolve(repo + ".git").toFile())) {
            return git.log().setMaxCount(1).call().iterator().next().getFullMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }
}
