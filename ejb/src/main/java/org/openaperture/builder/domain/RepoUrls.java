package org.openaperture.builder.domain;

/**
 * The clone URL of a workflow's repo (components.md §10.2, GitRepo): {@code org/proj} and GitHub https URLs
 * become {@code <base>org/proj.git}; ssh URLs, other URLs and local paths are used as they are.
 */
public final class RepoUrls {
    private RepoUrls() {}

    /**
     * @param base where {@code org/proj} names live, ending in {@code /} ({@code https://github.com/})
     */
    public static String resolve(String repo, String base) {
        String r = repo.strip();
        if (r.startsWith("git@") || r.startsWith("/") || r.startsWith("file:") || r.startsWith("ssh:")) {
            return r;
        }
        for (String github : new String[] {"https://github.com/", "http://github.com/"}) {
            if (r.startsWith(github)) {
                return "https://github.com/" + project(r.substring(github.length())) + ".git";
            }
        }
        if (r.contains("://")) {
            return r;
        }
        return base + project(r) + ".git";
    }

    private static String project(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.endsWith(".git") ? p.substring(0, p.length() - ".git".length()) : p;
    }
}
