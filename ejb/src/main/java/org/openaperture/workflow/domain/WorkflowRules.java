package org.openaperture.workflow.domain;

import java.util.ArrayList;
import java.util.List;

/** The rules a new workflow's input goes through, as the original Manager applied them. */
public final class WorkflowRules {
    static final String BUILD = "build";
    static final String CONFIG = "config";

    private WorkflowRules() {}

    /**
     * Every workflow configures before it deploys: milestones that include neither {@code build} nor
     * {@code config} get {@code config} first ({@code build} configures by itself).
     */
    public static List<String> milestones(List<String> requested) {
        if (requested == null || requested.contains(BUILD) || requested.contains(CONFIG)) {
            return requested;
        }
        List<String> withConfig = new ArrayList<>(requested.size() + 1);
        withConfig.add(CONFIG);
        withConfig.addAll(requested);
        return withConfig;
    }

    /** Repository names are compared as written: no surrounding blanks, no trailing slashes or backslashes. */
    public static String repository(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        int end = trimmed.length();
        while (end > 0 && (trimmed.charAt(end - 1) == '/' || trimmed.charAt(end - 1) == '\\')) {
            end--;
        }
        return trimmed.substring(0, end).strip();
    }

    /** Workflows listed for a source repository are those of its Docker deployment repository. */
    public static String deploymentRepoOfSource(String sourceRepo) {
        return sourceRepo + "_docker";
    }
}
