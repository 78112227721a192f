/**
 * The Notifications component's use cases: deliver a chat notification to its rooms' webhooks and an email
 * over SMTP, once per message id. The ports ({@link org.openaperture.notifications.application.Mailer},
 * {@link org.openaperture.notifications.application.ChatSender}) are implemented in {@code infrastructure}.
 */
package org.openaperture.notifications.application;
