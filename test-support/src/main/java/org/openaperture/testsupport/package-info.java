/**
 * What the tests use to drive the system from outside: a JSON HTTP client for the Manager API, the RabbitMQ
 * management API and command line, and a plain Qpid JMS client for reading queues.
 */
package org.openaperture.testsupport;
