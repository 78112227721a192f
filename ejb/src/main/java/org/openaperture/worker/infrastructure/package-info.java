/** The job journal in the database. */
package org.openaperture.worker.infrastructure;
