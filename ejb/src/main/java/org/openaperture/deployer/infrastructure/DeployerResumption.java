package org.openaperture.deployer.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.deployer.application.DeployerJobs;

/** When a node that runs the Deployer (or the OA Deployer) starts, it resumes the jobs it had not finished when it stopped. */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DeployerResumption {
    private static final Logger LOG = System.getLogger(DeployerResumption.class.getName());

    @Inject
    DeployerJobs jobs;

    @PostConstruct
    void resume() {
        var config = ConfigProvider.getConfig();
        boolean enabled = config.getOptionalValue("openaperture.deployer.enabled", Boolean.class)
                        .orElse(false)
                || config.getOptionalValue("openaperture.deploy_oa.enabled", Boolean.class)
                        .orElse(false);
        if (!enabled) {
            return;
        }
        try {
            int resumed = jobs.resumeUnfinished();
            if (resumed > 0) {
                LOG.log(Level.INFO, "Deployer: resumed {0} unfinished job(s)", resumed);
            }
        } catch (RuntimeException e) {
            // The node still starts; the jobs stay in the journal for the next start.
            LOG.log(Level.ERROR, "Deployer: could not resume the unfinished jobs of this node", e);
        }
    }
}
