/**
 * Storing, listing and executing workflows (execution queues the orchestrator's request in the outbox), and
 * the orchestrator itself: the state machine applied to each orchestration message, retry and cancel.
 */
package org.openaperture.workflow.application;
