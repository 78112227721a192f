-- The milestone jobs a worker node (Builder, Deployer) has accepted and not finished: the request message was
-- acknowledged when the job started, so this row is what lets a node that stopped mid-job resume it when it
-- starts again. A row goes when the job ends or is cancelled.
CREATE TABLE worker_jobs (
    component   VARCHAR(64)  NOT NULL,
    workflow_id VARCHAR(36)  NOT NULL,
    step        VARCHAR(64)  NOT NULL,
    node        VARCHAR(255) NOT NULL,
    request     TEXT         NOT NULL,
    started_at  TIMESTAMP    NOT NULL,
    PRIMARY KEY (component, workflow_id)
);
CREATE INDEX worker_jobs_node_idx ON worker_jobs (node, component);
