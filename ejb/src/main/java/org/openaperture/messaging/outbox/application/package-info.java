/**
 * The transactional outbox: messages stored in the transaction of the change that causes them, and the relay pass
 * that sends them after commit, retried until the broker confirms them.
 */
package org.openaperture.messaging.outbox.application;
