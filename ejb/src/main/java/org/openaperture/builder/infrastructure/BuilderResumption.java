package org.openaperture.builder.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.builder.application.BuilderJobs;

/** When a node that runs the Builder starts, it resumes the jobs it had not finished when it stopped. */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class BuilderResumption {
    private static final Logger LOG = System.getLogger(BuilderResumption.class.getName());

    @Inject
    BuilderJobs jobs;

    @PostConstruct
    void resume() {
        boolean enabled = ConfigProvider.getConfig()
                .getOptionalValue("openaperture.builder.enabled", Boolean.class)
                .orElse(false);
        if (!enabled) {
            return;
        }
        try {
            int resumed = jobs.resumeUnfinished();
            if (resumed > 0) {
                LOG.log(Level.INFO, "Builder: resumed {0} unfinished job(s)", resumed);
            }
        } catch (RuntimeException e) {
            // The node still starts; the jobs stay in the journal for the next start.
            LOG.log(Level.ERROR, "Builder: could not resume the unfinished jobs of this node", e);
        }
    }
}
