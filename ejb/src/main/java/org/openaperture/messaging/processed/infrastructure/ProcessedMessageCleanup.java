package org.openaperture.messaging.processed.infrastructure;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.messaging.processed.application.ProcessedMessages;

/**
 * Every hour, forgets the message ids processed longer ago than {@code openaperture.idempotency.retention}
 * (7 days): far longer than any redelivery takes, short enough for the table to stay small.
 */
@Singleton
public class ProcessedMessageCleanup {
    private static final Logger LOG = System.getLogger(ProcessedMessageCleanup.class.getName());

    @Inject
    ProcessedMessages processed;

    @Inject
    @ConfigProperty(name = "openaperture.idempotency.retention", defaultValue = "P7D")
    String retention;

    @Schedule(hour = "*", minute = "23", persistent = false)
    public void hourly() {
        Duration keptFor = IsoDurations.positive("openaperture.idempotency.retention", retention, "P7D");
        int forgotten = processed.forgetOlderThan(keptFor);
        if (forgotten > 0) {
            LOG.log(Level.INFO, "forgot {0} processed message id(s) older than {1}", forgotten, keptFor);
        }
    }
}
