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

/** The source a component type should run (repository and git ref), and whether it upgrades itself. */
@Entity
@Table(name = "system_component_refs")
@NamedQuery(name = SystemComponentRef.ALL, query = "SELECT r FROM SystemComponentRef r ORDER BY r.id")
@NamedQuery(name = SystemComponentRef.BY_TYPE, query = "SELECT r FROM SystemComponentRef r WHERE r.type = :type")
public class SystemComponentRef extends TimestampedEntity {
    public static final String KIND = "SystemComponentRef";
    public static final String ALL = "SystemComponentRef.all";
    public static final String BY_TYPE = "SystemComponentRef.byType";

    @Id
    @SequenceGenerator(
            name = "system_component_ref_seq",
            sequenceName = "system_component_refs_seq",
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "system_component_ref_seq")
    private Long id;

    @Column(nullable = false, updatable = false)
    private String type;

    @Column(name = "source_repo", length = 128, nullable = false)
    private String sourceRepo;

    @Column(name = "source_repo_git_ref", length = 256, nullable = false)
    private String sourceRepoGitRef;

    @Column(name = "auto_upgrade_enabled", nullable = false)
    private boolean autoUpgradeEnabled;

    protected SystemComponentRef() {}

    public SystemComponentRef(String type, String sourceRepo, String sourceRepoGitRef, boolean autoUpgradeEnabled) {
        this.type = Objects.requireNonNull(type, "type");
        change(sourceRepo, sourceRepoGitRef, autoUpgradeEnabled);
    }

    /** The type is the natural key and never changes. */
    public void change(String sourceRepo, String sourceRepoGitRef, boolean autoUpgradeEnabled) {
        this.sourceRepo = Objects.requireNonNull(sourceRepo, "source_repo");
        this.sourceRepoGitRef = Objects.requireNonNull(sourceRepoGitRef, "source_repo_git_ref");
        this.autoUpgradeEnabled = autoUpgradeEnabled;
    }

    public Long id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String sourceRepo() {
        return sourceRepo;
    }

    public String sourceRepoGitRef() {
        return sourceRepoGitRef;
    }

    public boolean autoUpgradeEnabled() {
        return autoUpgradeEnabled;
    }
}
