/**
 * The worker side of a milestone: the messages a worker sends back ({@link
 * org.openaperture.worker.application.WorkerMessages}), the jobs running on this node and their cancel switches,
 * the milestone monitor, the job journal and the resumption of a node's unfinished jobs when it starts.
 */
package org.openaperture.worker.application;
