package org.openaperture.cli;

/** The entry point of {@code oa.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(OaCommand.commandLine(Env.system()).execute(args));
    }
}
