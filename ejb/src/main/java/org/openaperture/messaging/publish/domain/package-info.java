/**
 * What publishing sends and how it fails: the envelope (JSON body, type, schema version, message id), a broker
 * that cannot be reached, a message with no route.
 */
package org.openaperture.messaging.publish.domain;
