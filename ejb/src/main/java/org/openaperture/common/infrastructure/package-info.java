/**
 * What the whole application rests on: the database schema, brought up to date by Flyway at start, and the
 * AES-GCM cipher that seals secrets at rest with keys from MicroProfile Config, and the Builder's and
 * Deployer's milestone monitor on the managed scheduled executor.
 */
package org.openaperture.common.infrastructure;
