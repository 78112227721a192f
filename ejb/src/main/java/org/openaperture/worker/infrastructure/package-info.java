/**
 * The job journal in the database, the milestone monitor on the managed scheduled executor, and the processes
 * a node started, found again by their tag after the node lost them.
 */
package org.openaperture.worker.infrastructure;
