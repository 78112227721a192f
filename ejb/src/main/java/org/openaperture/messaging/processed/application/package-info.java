/**
 * The record of processed message ids that makes consumers idempotent.
 */
package org.openaperture.messaging.processed.application;
