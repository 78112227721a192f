package org.openaperture.manager.interfaces.health;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Runs a check with a deadline: a database pool waiting for a free connection or a broker that does not
 * answer must make the node not ready quickly, not hold the health request for a minute.
 */
final class BoundedCheck {

    private BoundedCheck() {}

    static HealthCheckResponse within(
            ManagedExecutorService executor, String name, long seconds, Supplier<HealthCheckResponse> check) {
        CompletableFuture<HealthCheckResponse> result = CompletableFuture.supplyAsync(check, executor);
        try {
            return result.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("error", "no answer within " + seconds + " s")
                    .build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("error", String.valueOf(e.getCause()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("error", "interrupted")
                    .build();
        }
    }
}
