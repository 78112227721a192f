package org.openaperture.builder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** components.md §10.2 GitRepo doctests. */
class RepoUrlsTest {
    private static final String GITHUB = "https://github.com/";

    @Test
    void normalisesGithubNames() {
        for (String repo : new String[] {
            "org/proj",
            "https://github.com/org/proj",
            "http://github.com/org/proj",
            "https://github.com/org/proj.git",
            "https://github.com/org/proj/"
        }) {
            assertEquals("https://github.com/org/proj.git", RepoUrls.resolve(repo, GITHUB), repo);
        }
    }

    @Test
    void leavesSshUrlsAndLocalPathsAlone() {
        assertEquals("git@github.com:org/proj.git", RepoUrls.resolve("git@github.com:org/proj.git", GITHUB));
        assertEquals("/srv/git/proj.git", RepoUrls.resolve("/srv/git/proj.git", GITHUB));
        assertEquals("https://git.example/x.git", RepoUrls.resolve("https://git.example/x.git", GITHUB));
    }
}
