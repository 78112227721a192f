/** The job journal and the resumption of a node's unfinished jobs when it starts. */
package org.openaperture.worker.application;
