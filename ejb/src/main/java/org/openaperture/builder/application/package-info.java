/**
 * The Builder's use cases: the {@code config} and {@code build} milestones, the jobs that run them off the
 * message thread, and the ports they need ({@link org.openaperture.builder.application.ImageBuilder},
 * {@link org.openaperture.builder.application.GitWorkspace}, {@link org.openaperture.builder.application.BuildLogSink}).
 */
package org.openaperture.builder.application;
