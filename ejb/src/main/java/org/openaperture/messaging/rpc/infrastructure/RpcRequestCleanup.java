package org.openaperture.messaging.rpc.infrastructure;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.openaperture.messaging.rpc.application.RpcRequestService;

/** Every hour, RPC requests older than a day are deleted, as the original Manager's cleanup job did. */
@Singleton
public class RpcRequestCleanup {
    private static final Logger LOG = System.getLogger(RpcRequestCleanup.class.getName());
    static final Duration KEPT_FOR = Duration.ofHours(24);

    @Inject
    RpcRequestService requests;

    @Schedule(hour = "*", minute = "17", persistent = false)
    public void hourly() {
        int deleted = requests.deleteOlderThan(KEPT_FOR);
        if (deleted > 0) {
            LOG.log(Level.INFO, "deleted {0} RPC request(s) older than {1} h", deleted, KEPT_FOR.toHours());
        }
    }
}
