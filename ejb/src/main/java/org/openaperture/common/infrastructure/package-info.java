/**
 * What the whole application rests on: the database schema, brought up to date by Flyway at start, and the
 * AES-GCM cipher that seals secrets at rest with keys from MicroProfile Config.
 */
package org.openaperture.common.infrastructure;
