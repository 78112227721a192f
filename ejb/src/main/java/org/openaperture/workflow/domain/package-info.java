/** Workflows: the entity, the rules applied to new ones and the document clients and the orchestrator read. */
package org.openaperture.workflow.domain;
