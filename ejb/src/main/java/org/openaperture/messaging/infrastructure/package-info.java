/** Adapters between the messaging model and JMS: reading the JSON bodies the message-driven beans receive. */
package org.openaperture.messaging.infrastructure;
