/**
 * How notifications leave the node: email through Jakarta Mail over SMTP ({@code SmtpMailer}), chat through
 * Slack-compatible incoming webhooks with the JDK HTTP client ({@code WebhookChatSender}), both configured
 * with MicroProfile Config ({@code openaperture.notifications.*}) and bounded by timeouts.
 */
package org.openaperture.notifications.infrastructure;
