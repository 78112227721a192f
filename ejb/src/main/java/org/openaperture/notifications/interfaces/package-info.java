/**
 * Where messages enter the Notifications component: the message-driven beans of the
 * {@code notifications_email} and {@code notifications_hipchat} queues, active only on nodes that run it.
 */
package org.openaperture.notifications.interfaces;
