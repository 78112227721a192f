package org.openaperture.system.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * An OpenAperture component deployed in an exchange (one per type and exchange), with where its code comes
 * from and how it is upgraded. {@code upgrade_status} is JSON text written by the Overseer.
 */
@Entity
@Table(name = "system_components")
@NamedQuery(name = SystemComponent.ALL, query = "SELECT c FROM SystemComponent c ORDER BY c.id")
@NamedQuery(
        name = SystemComponent.OF_TYPE,
        query = "SELECT c FROM SystemComponent c WHERE c.type = :type ORDER BY c.id")
@NamedQuery(
        name = SystemComponent.OF_EXCHANGE,
        query = "SELECT c FROM SystemComponent c WHERE c.exchangeId = :exchangeId ORDER BY c.id")
@NamedQuery(
        name = SystemComponent.BY_EXCHANGE_AND_TYPE,
        query = "SELECT c FROM SystemComponent c WHERE c.exchangeId = :exchangeId AND c.type = :type")
@NamedQuery(
        name = SystemComponent.DELETE_OF_EXCHANGE,
        query = "DELETE FROM SystemComponent c WHERE c.exchangeId = :exchangeId")
public class SystemComponent extends TimestampedEntity {
    public static final String KIND = "SystemComponent";
    public static final String ALL = "SystemComponent.all";
    public static final String OF_TYPE = "SystemComponent.ofType";
    public static final String OF_EXCHANGE = "SystemComponent.ofExchange";
    public static final String BY_EXCHANGE_AND_TYPE = "SystemComponent.byExchangeAndType";
    public static final String DELETE_OF_EXCHANGE = "SystemComponent.deleteOfExchange";

    @Id
    @SequenceGenerator(name = "system_component_seq", sequenceName = "system_components_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "system_component_seq")
    private Long id;

    @Column(name = "messaging_exchange_id", nullable = false)
    private Long exchangeId;

    @Column(nullable = false)
    private String type;

    @Column(name = "source_repo", length = 128)
    private String sourceRepo;

    @Column(name = "source_repo_git_ref", length = 256)
    private String sourceRepoGitRef;

    @Column(name = "deployment_repo", length = 128, nullable = false)
    private String deploymentRepo;

    @Column(name = "deployment_repo_git_ref", length = 256, nullable = false)
    private String deploymentRepoGitRef;

    @Column(name = "upgrade_strategy", nullable = false)
    private String upgradeStrategy;

    private String status;

    @Column(name = "upgrade_status")
    private String upgradeStatus;

    protected SystemComponent() {}

    public SystemComponent(Details details) {
        change(details);
    }

    /** Everything a component says about itself; the exchange and type identify it. */
    public record Details(
            long exchangeId,
            String type,
            String sourceRepo,
            String sourceRepoGitRef,
            String deploymentRepo,
            String deploymentRepoGitRef,
            String upgradeStrategy,
            String status,
            String upgradeStatusJson) {
        public Details {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(deploymentRepo, "deployment_repo");
            Objects.requireNonNull(deploymentRepoGitRef, "deployment_repo_git_ref");
            Objects.requireNonNull(upgradeStrategy, "upgrade_strategy");
        }
    }

    public void change(Details d) {
        this.exchangeId = d.exchangeId();
        this.type = d.type();
        this.sourceRepo = d.sourceRepo();
        this.sourceRepoGitRef = d.sourceRepoGitRef();
        this.deploymentRepo = d.deploymentRepo();
        this.deploymentRepoGitRef = d.deploymentRepoGitRef();
        this.upgradeStrategy = d.upgradeStrategy();
        this.status = d.status();
        this.upgradeStatus = d.upgradeStatusJson();
    }

    public Details details() {
        return new Details(
                exchangeId,
                type,
                sourceRepo,
                sourceRepoGitRef,
                deploymentRepo,
                deploymentRepoGitRef,
                upgradeStrategy,
                status,
                upgradeStatus);
    }

    public Long id() {
        return id;
    }

    public Long exchangeId() {
        return exchangeId;
    }

    public String type() {
        return type;
    }
}
