-- The messaging model (brokers, connections, exchanges, restrictions, modules).
-- Written to run unchanged on PostgreSQL and H2. Unlike the original, names and pairs that the
-- Manager treats as unique are unique in the database too.

CREATE SEQUENCE messaging_brokers_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE messaging_broker_connections_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE messaging_exchanges_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE messaging_exchange_brokers_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE messaging_exchange_modules_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE messaging_brokers (
    id                 BIGINT       NOT NULL PRIMARY KEY,
    name               VARCHAR(255) NOT NULL,
    failover_broker_id BIGINT       REFERENCES messaging_brokers (id),
    inserted_at        TIMESTAMP    NOT NULL,
    updated_at         TIMESTAMP    NOT NULL,
    CONSTRAINT messaging_brokers_name_key UNIQUE (name)
);
CREATE INDEX messaging_brokers_failover_idx ON messaging_brokers (failover_broker_id);

CREATE TABLE messaging_broker_connections (
    id                  BIGINT        NOT NULL PRIMARY KEY,
    messaging_broker_id BIGINT        NOT NULL REFERENCES messaging_brokers (id),
    username            VARCHAR(255)  NOT NULL,
    password            VARCHAR(2048) NOT NULL,
    password_keyname    VARCHAR(255),
    host                VARCHAR(255)  NOT NULL,
    port                INTEGER,
    virtual_host        VARCHAR(255)  NOT NULL,
    inserted_at         TIMESTAMP     NOT NULL,
    updated_at          TIMESTAMP     NOT NULL
);
CREATE INDEX messaging_broker_connections_broker_idx ON messaging_broker_connections (messaging_broker_id);

CREATE TABLE messaging_exchanges (
    id                   BIGINT        NOT NULL PRIMARY KEY,
    name                 VARCHAR(1024) NOT NULL,
    failover_exchange_id BIGINT        REFERENCES messaging_exchanges (id),
    parent_exchange_id   BIGINT        REFERENCES messaging_exchanges (id),
    routing_key_fragment VARCHAR(255),
    inserted_at          TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    CONSTRAINT messaging_exchanges_name_key UNIQUE (name)
);
CREATE INDEX messaging_exchanges_parent_idx ON messaging_exchanges (parent_exchange_id);

CREATE TABLE messaging_exchange_brokers (
    id                    BIGINT    NOT NULL PRIMARY KEY,
    messaging_exchange_id BIGINT    NOT NULL REFERENCES messaging_exchanges (id),
    messaging_broker_id   BIGINT    NOT NULL REFERENCES messaging_brokers (id),
    inserted_at           TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    CONSTRAINT messaging_exchange_brokers_pair_key UNIQUE (messaging_exchange_id, messaging_broker_id)
);

CREATE TABLE messaging_exchange_modules (
    id                      BIGINT       NOT NULL PRIMARY KEY,
    messaging_exchange_id   BIGINT       NOT NULL REFERENCES messaging_exchanges (id),
    hostname                VARCHAR(255) NOT NULL,
    type                    VARCHAR(255) NOT NULL,
    status                  VARCHAR(255) NOT NULL,
    workload                TEXT         NOT NULL,
    source_repo             VARCHAR(128),
    source_repo_git_ref     VARCHAR(256),
    deployment_repo         VARCHAR(128),
    deployment_repo_git_ref VARCHAR(256),
    inserted_at             TIMESTAMP    NOT NULL,
    updated_at              TIMESTAMP    NOT NULL,
    CONSTRAINT messaging_exchange_modules_host_key UNIQUE (messaging_exchange_id, hostname)
);
