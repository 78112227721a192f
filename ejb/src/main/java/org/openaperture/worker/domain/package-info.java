/** A worker's accepted, unfinished milestone job, as the journal keeps it. */
package org.openaperture.worker.domain;
