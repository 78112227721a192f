-- When a workflow's execution was requested: a second request before the orchestrator starts it would
-- otherwise send a second orchestration request.
ALTER TABLE workflows ADD COLUMN execution_requested_at TIMESTAMP;
