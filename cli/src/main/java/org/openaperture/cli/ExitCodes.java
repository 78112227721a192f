package org.openaperture.cli;

/** The exit codes of {@code oa}, listed in the footer of {@code oa --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A followed workflow failed or was cancelled, or anything else went wrong. */
    public static final int FAILED = 1;

    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    /** Not logged in, or the Manager rejected the token (401). */
    public static final int UNAUTHORIZED = 4;

    public static final int FORBIDDEN = 5;
    /** The Manager refused the request otherwise (404, 409, 400, 5xx). */
    public static final int REFUSED = 6;

    private ExitCodes() {}
}
