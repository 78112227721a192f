package org.openaperture.builder.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.builder.application.BuilderMilestones;

/** Assembles the Builder's milestones from {@link BuilderSettings}: JGit and the configured image builder. */
@ApplicationScoped
public class BuilderProducer {
    private static final Logger LOG = System.getLogger(BuilderProducer.class.getName());

    @Produces
    @Singleton
    BuilderMilestones milestones() {
        Config config = ConfigProvider.getConfig();
        BuilderSettings settings = BuilderSettings.read(key -> config.getOptionalValue(key, String.class));
        LOG.log(Level.INFO, "Builder: {0}", settings);
        return new BuilderMilestones(
                settings.workDir(),
                new JGitWorkspace(
                        settings.gitUsername(), settings.gitToken(), "OpenAperture Builder", "builder@openaperture"),
                settings.newImageBuilder(),
                settings.gitBaseUrl(),
                Clock.systemUTC());
    }
}
