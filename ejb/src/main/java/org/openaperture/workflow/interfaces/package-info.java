/** The message-driven bean of the workflow orchestrator: where orchestration messages enter. */
package org.openaperture.workflow.interfaces;
