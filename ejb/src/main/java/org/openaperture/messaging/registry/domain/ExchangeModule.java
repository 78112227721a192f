package org.openaperture.messaging.registry.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;
import org.openaperture.common.domain.IdBlocks;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * A module (component instance) running in an exchange, identified there by its hostname. Its row is
 * refreshed by every heartbeat; {@code workload} is kept as JSON text.
 */
@Entity
@Cacheable(false) // not kept in the shared cache: tens of thousands of rows, each rewritten by every heartbeat
@Table(name = "messaging_exchange_modules")
@NamedQuery(
        name = ExchangeModule.OF_EXCHANGE,
        query = "SELECT m FROM ExchangeModule m WHERE m.exchangeId = :exchangeId ORDER BY m.hostname")
@NamedQuery(
        name = ExchangeModule.BY_HOSTNAMES,
        query = "SELECT m FROM ExchangeModule m WHERE m.exchangeId = :exchangeId AND m.hostname IN :hostnames")
@NamedQuery(
        name = ExchangeModule.BY_HOSTNAME,
        query = "SELECT m FROM ExchangeModule m WHERE m.exchangeId = :exchangeId AND m.hostname = :hostname")
@NamedQuery(
        name = ExchangeModule.DELETE_OF_EXCHANGE,
        query = "DELETE FROM ExchangeModule m WHERE m.exchangeId = :exchangeId")
@NamedQuery(
        name = ExchangeModule.SILENT_IDS,
        query = "SELECT m.id FROM ExchangeModule m WHERE m.exchangeId = :exchangeId AND m.updatedAt < :before"
                + " ORDER BY m.id")
@NamedQuery(
        name = ExchangeModule.SILENT_AMONG,
        query = "SELECT m FROM ExchangeModule m WHERE m.id IN :ids AND m.updatedAt < :before ORDER BY m.id")
@NamedQuery(
        name = ExchangeModule.ACTIVE_SILENT_IDS,
        query = "SELECT m.id FROM ExchangeModule m WHERE m.exchangeId = :exchangeId AND m.updatedAt < :before"
                + " AND m.status <> 'inactive' ORDER BY m.id")
@NamedQuery(
        name = ExchangeModule.ACTIVE_SILENT_AMONG,
        query = "SELECT m FROM ExchangeModule m WHERE m.id IN :ids AND m.updatedAt < :before"
                + " AND m.status <> 'inactive' ORDER BY m.id")
@NamedQuery(
        name = ExchangeModule.MARK_SILENT_INACTIVE,
        query = "UPDATE ExchangeModule m SET m.status = 'inactive' WHERE m.exchangeId = :exchangeId"
                + " AND m.updatedAt < :before AND m.status <> 'inactive'")
@NamedQuery(
        name = ExchangeModule.DELETE_SILENT,
        query = "DELETE FROM ExchangeModule m WHERE m.exchangeId = :exchangeId AND m.updatedAt < :before")
public class ExchangeModule extends TimestampedEntity {
    public static final String KIND = "MessagingExchangeModule";
    public static final String OF_EXCHANGE = "ExchangeModule.ofExchange";
    public static final String BY_HOSTNAME = "ExchangeModule.byHostname";
    public static final String BY_HOSTNAMES = "ExchangeModule.byHostnames";
    public static final String DELETE_OF_EXCHANGE = "ExchangeModule.deleteOfExchange";
    /** The ids of the modules of an exchange not heard from since {@code :before}, in order. */
    public static final String SILENT_IDS = "ExchangeModule.silentIds";
    /** The modules of {@code :ids} still not heard from since {@code :before}, by id. */
    public static final String SILENT_AMONG = "ExchangeModule.silentAmong";
    /** {@link #SILENT_IDS} of the modules not inactive yet. */
    public static final String ACTIVE_SILENT_IDS = "ExchangeModule.activeSilentIds";
    /** {@link #SILENT_AMONG} of the modules not inactive yet. */
    public static final String ACTIVE_SILENT_AMONG = "ExchangeModule.activeSilentAmong";
    /**
     * The modules of {@link #ACTIVE_SILENT_IDS} marked inactive, in one statement that leaves {@code updated_at}
     * alone: it stays the time the module was last heard from.
     */
    public static final String MARK_SILENT_INACTIVE = "ExchangeModule.markSilentInactive";
    /** The modules of {@link #SILENT_IDS} deleted, in one statement. */
    public static final String DELETE_SILENT = "ExchangeModule.deleteSilent";

    /** The status of a module heard from recently. */
    public static final String ACTIVE = "active";

    @Id
    @SequenceGenerator(
            name = "exchange_module_seq",
            sequenceName = "messaging_exchange_modules_seq",
            allocationSize = IdBlocks.SIZE)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "exchange_module_seq")
    private Long id;

    @Column(name = "messaging_exchange_id", nullable = false)
    private Long exchangeId;

    @Column(nullable = false)
    private String hostname;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String workload;

    @Column(name = "source_repo", length = 128)
    private String sourceRepo;

    @Column(name = "source_repo_git_ref", length = 256)
    private String sourceRepoGitRef;

    @Column(name = "deployment_repo", length = 128)
    private String deploymentRepo;

    @Column(name = "deployment_repo_git_ref", length = 256)
    private String deploymentRepoGitRef;

    protected ExchangeModule() {}

    public ExchangeModule(long exchangeId, String hostname) {
        this.exchangeId = exchangeId;
        this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    /** Records what the module reported about itself; refreshes {@code updated_at} even if nothing changed. */
    public void report(ModuleReport report) {
        this.type = report.type();
        this.status = report.status();
        this.workload = report.workloadJson();
        this.sourceRepo = report.sourceRepo();
        this.sourceRepoGitRef = report.sourceRepoGitRef();
        this.deploymentRepo = report.deploymentRepo();
        this.deploymentRepoGitRef = report.deploymentRepoGitRef();
        touch();
    }

    public Long id() {
        return id;
    }

    public Long exchangeId() {
        return exchangeId;
    }

    public String hostname() {
        return hostname;
    }

    public String type() {
        return type;
    }

    public String status() {
        return status;
    }

    public String workloadJson() {
        return workload;
    }

    public String sourceRepo() {
        return sourceRepo;
    }

    public String sourceRepoGitRef() {
        return sourceRepoGitRef;
    }

    public String deploymentRepo() {
        return deploymentRepo;
    }

    public String deploymentRepoGitRef() {
        return deploymentRepoGitRef;
    }
}
