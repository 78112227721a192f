-- The orchestration context of a workflow may carry secrets (aws_config): it is sealed at rest like broker
-- passwords, under the key named here. Rows without a key name hold the context as it was stored before.
ALTER TABLE workflows ADD COLUMN orchestration_context_keyname VARCHAR(255);
-- The same for the request a worker journals for a job it runs.
ALTER TABLE worker_jobs ADD COLUMN request_keyname VARCHAR(255);
