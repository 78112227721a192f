/** What the whole application rests on: the database schema, brought up to date by Flyway at start. */
package org.openaperture.common.infrastructure;
