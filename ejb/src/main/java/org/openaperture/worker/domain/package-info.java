/**
 * What a worker reads from and answers to a milestone request (the request, its callback, warnings and
 * notifications), and an accepted, unfinished milestone job as the journal keeps it.
 */
package org.openaperture.worker.domain;
