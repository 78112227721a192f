-- What the workflow orchestrator keeps between messages: when the workflow and its current step started,
-- where the step was dispatched (queue, exchange, dispatch id echoed by the worker's callback), when a
-- scheduled workflow wakes up, whether an operator cancelled it, why it failed, and the transient fields of
-- the last orchestration message (deployable units, notification settings ...), for the next dispatch.
ALTER TABLE workflows ADD COLUMN workflow_started_at TIMESTAMP;
ALTER TABLE workflows ADD COLUMN step_started_at TIMESTAMP;
ALTER TABLE workflows ADD COLUMN step_queue VARCHAR(64);
ALTER TABLE workflows ADD COLUMN step_exchange_id BIGINT;
ALTER TABLE workflows ADD COLUMN step_dispatch_id VARCHAR(36);
ALTER TABLE workflows ADD COLUMN wake_at TIMESTAMP;
ALTER TABLE workflows ADD COLUMN workflow_cancelled BOOLEAN;
ALTER TABLE workflows ADD COLUMN failure_reason VARCHAR(1024);
ALTER TABLE workflows ADD COLUMN orchestration_context TEXT;
