/**
 * Use cases over the messaging model: managing brokers, connections and exchanges, and recording what
 * modules report about themselves. Each service is a stateless session bean, so it runs in the EJB module's
 * persistence context and transaction whether it is called from the WAR or from a message-driven bean.
 */
package org.openaperture.messaging.application;
