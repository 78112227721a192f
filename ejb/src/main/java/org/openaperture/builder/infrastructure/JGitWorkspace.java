package org.openaperture.builder.infrastructure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.openaperture.builder.application.GitWorkspace;
import org.openaperture.worker.application.MilestoneFailedException;

/**
 * Git through JGit, no git binary and no token in a URL or a process listing (components.md §11): a token, when
 * configured, is sent as HTTP basic credentials.
 */
public class JGitWorkspace implements GitWorkspace {
    private final CredentialsProvider credentials;
    private final String authorName;
    private final String authorEmail;

    /**
     * @param token null or blank for none
     */
    public JGitWorkspace(String username, String token, String authorName, String authorEmail) {
        this.credentials = token == null || token.isBlank()
                ? null
                : new UsernamePasswordCredentialsProvider(username == null ? "" : username, token);
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    @Override
    public void cloneAt(String url, String ref, Path directory) {
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(directory.toFile())
                .setCredentialsProvider(credentials)
                .call()) {
            checkout(git, ref);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new MilestoneFailedException("Failed to clone " + url + " at " + ref + ": " + e.getMessage(), e);
        }
    }

    private static void checkout(Git git, String ref) throws GitAPIException, IOException {
        Repository repo = git.getRepository();
        if (ref.equals(repo.getBranch())) {
            return;
        }
        // A branch becomes a local branch that tracks origin's, so the config milestone can push it back.
        if (repo.exactRef("refs/remotes/origin/" + ref) != null) {
            git.checkout()
                    .setCreateBranch(repo.exactRef("refs/heads/" + ref) == null)
                    .setName(ref)
                    .setStartPoint("origin/" + ref)
                    .call();
            return;
        }
        ObjectId id = repo.resolve(ref);
        if (id == null) {
            throw new IOException("no branch, tag or commit " + ref);
        }
        git.checkout().setName(id.name()).call();
    }

    @Override
    public String head(Path directory) {
        try (Git git = Git.open(directory.toFile())) {
            ObjectId head = git.getRepository().resolve("HEAD");
            if (head == null) {
                throw new MilestoneFailedException("the checkout in " + directory.getFileName() + " has no commit");
            }
            return head.name();
        } catch (IOException e) {
            throw new MilestoneFailedException("Failed to read the checked out commit: " + e.getMessage(), e);
        }
    }

    @Override
    public void commitAndPush(Path directory, List<String> files, String message) {
        try (Git git = Git.open(directory.toFile())) {
            String branch = git.getRepository().getBranch();
            if (ObjectId.isId(branch)) {
                throw new MilestoneFailedException(
                        "Failed to push the rendered files: the deployment repo ref is no branch (" + branch + ")");
            }
            var add = git.add();
            files.forEach(add::addFilepattern);
            add.call();
            git.commit()
                    .setMessage(message)
                    .setAuthor(authorName, authorEmail)
                    .setCommitter(authorName, authorEmail)
                    .call();
            for (PushResult result : git.push()
                    .setRemote("origin")
                    .add(branch)
                    .setCredentialsProvider(credentials)
                    .call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new MilestoneFailedException("Failed to push " + branch + ": " + update.getStatus()
                                + (update.getMessage() == null ? "" : " " + update.getMessage()));
                    }
                }
            }
        } catch (GitAPIException | IOException e) {
            throw new MilestoneFailedException("Failed to commit and push the rendered files: " + e.getMessage(), e);
        }
    }
}
