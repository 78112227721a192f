-- The rest of the Manager's model: RPC requests, system components and refs, users, system events,
-- workflows, and the outbox through which database changes publish their messages.
-- Written to run unchanged on PostgreSQL and H2.

CREATE SEQUENCE messaging_rpc_requests_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE system_components_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE system_component_refs_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE users_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE system_events_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE messaging_rpc_requests (
    id            BIGINT       NOT NULL PRIMARY KEY,
    status        VARCHAR(255) NOT NULL,
    request_body  TEXT,
    response_body TEXT,
    inserted_at   TIMESTAMP    NOT NULL,
    updated_at    TIMESTAMP    NOT NULL
);
CREATE INDEX messaging_rpc_requests_inserted_idx ON messaging_rpc_requests (inserted_at);

-- Unlike the original, source_repo and its ref are nullable as the application always said, and the
-- (exchange, type) pair is unique in the database too.
CREATE TABLE system_components (
    id                      BIGINT       NOT NULL PRIMARY KEY,
    messaging_exchange_id   BIGINT       NOT NULL REFERENCES messaging_exchanges (id),
    type                    VARCHAR(255) NOT NULL,
    source_repo             VARCHAR(128),
    source_repo_git_ref     VARCHAR(256),
    deployment_repo         VARCHAR(128) NOT NULL,
    deployment_repo_git_ref VARCHAR(256) NOT NULL,
    upgrade_strategy        VARCHAR(255) NOT NULL,
    status                  VARCHAR(255),
    upgrade_status          TEXT,
    inserted_at             TIMESTAMP    NOT NULL,
    updated_at              TIMESTAMP    NOT NULL,
    CONSTRAINT system_components_type_key UNIQUE (messaging_exchange_id, type)
);

CREATE TABLE system_component_refs (
    id                   BIGINT       NOT NULL PRIMARY KEY,
    type                 VARCHAR(255) NOT NULL,
    source_repo          VARCHAR(128) NOT NULL,
    source_repo_git_ref  VARCHAR(256) NOT NULL,
    auto_upgrade_enabled BOOLEAN      DEFAULT TRUE NOT NULL,
    inserted_at          TIMESTAMP    NOT NULL,
    updated_at           TIMESTAMP    NOT NULL,
    CONSTRAINT system_component_refs_type_key UNIQUE (type)
);

-- People and modules known from their tokens: a row per token subject, created on first use.
CREATE TABLE users (
    id          BIGINT       NOT NULL PRIMARY KEY,
    subject     VARCHAR(255) NOT NULL,
    email       VARCHAR(255),
    name        VARCHAR(255),
    inserted_at TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT users_subject_key UNIQUE (subject)
);

CREATE TABLE system_events (
    id               BIGINT       NOT NULL PRIMARY KEY,
    type             VARCHAR(255) NOT NULL,
    message          TEXT,
    severity         VARCHAR(255) NOT NULL,
    data             TEXT,
    dismissed_at     TIMESTAMP,
    dismissed_by_id  BIGINT       REFERENCES users (id),
    dismissed_reason TEXT,
    assigned_at      TIMESTAMP,
    assignee_id      BIGINT       REFERENCES users (id),
    assigned_by_id   BIGINT       REFERENCES users (id),
    inserted_at      TIMESTAMP    NOT NULL,
    updated_at       TIMESTAMP    NOT NULL
);
CREATE INDEX system_events_inserted_idx ON system_events (inserted_at);
CREATE INDEX system_events_assignee_idx ON system_events (assignee_id);
CREATE INDEX system_events_type_idx ON system_events (type, inserted_at);

CREATE TABLE workflows (
    id                      VARCHAR(36)  NOT NULL PRIMARY KEY,
    deployment_repo         VARCHAR(128),
    deployment_repo_git_ref VARCHAR(256),
    source_repo             VARCHAR(128),
    source_repo_git_ref     VARCHAR(256),
    source_commit_hash      VARCHAR(256),
    milestones              TEXT,
    current_step            VARCHAR(128),
    elapsed_step_time       VARCHAR(128),
    elapsed_workflow_time   VARCHAR(128),
    workflow_duration       VARCHAR(128),
    workflow_step_durations TEXT,
    workflow_error          BOOLEAN,
    workflow_completed      BOOLEAN,
    event_log               TEXT,
    scheduled_start_time    TIMESTAMP,
    execute_options         TEXT,
    inserted_at             TIMESTAMP    NOT NULL,
    updated_at              TIMESTAMP    NOT NULL
);
CREATE INDEX workflows_deployment_repo_idx ON workflows (deployment_repo);
CREATE INDEX workflows_inserted_idx ON workflows (inserted_at);

-- Messages caused by a database change, written in the same transaction and relayed after commit.
-- A row lives until the broker confirmed the send.
CREATE TABLE outbox_messages (
    id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
    messaging_exchange_id BIGINT        NOT NULL,
    queue                 VARCHAR(255)  NOT NULL,
    type                  VARCHAR(255)  NOT NULL,
    body                  TEXT          NOT NULL,
    attempts              INTEGER       DEFAULT 0 NOT NULL,
    next_attempt_at       TIMESTAMP     NOT NULL,
    last_error            VARCHAR(1024),
    inserted_at           TIMESTAMP     NOT NULL
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at);
