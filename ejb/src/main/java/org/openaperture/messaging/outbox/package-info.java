/**
 * The transactional outbox: messages stored with the database change that causes them and relayed to the
 * broker after commit, retried until the broker confirms them.
 */
package org.openaperture.messaging.outbox;
