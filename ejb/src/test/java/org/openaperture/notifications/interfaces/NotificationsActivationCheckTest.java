package org.openaperture.notifications.interfaces;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationsActivationCheckTest {

    @Test
    @DisplayName("the component list and the consumers' switch must agree; each disagreement says what to set")
    void mismatch() {
        assertNull(NotificationsActivationCheck.mismatch(true, true));
        assertNull(NotificationsActivationCheck.mismatch(false, false));
        assertTrue(
                NotificationsActivationCheck.mismatch(true, false).contains("openaperture.notifications.enabled=true"));
        assertTrue(NotificationsActivationCheck.mismatch(false, true).contains("Add notifications to"));
    }
}
