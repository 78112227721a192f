/**
 * The two notifications components send and the rules on them: a chat notification (the
 * {@code notifications_hipchat} queue) and an email notification ({@code notifications_email}), with the
 * original payload fields, the address filter and which chat rooms a notification goes to.
 */
package org.openaperture.notifications.domain;
