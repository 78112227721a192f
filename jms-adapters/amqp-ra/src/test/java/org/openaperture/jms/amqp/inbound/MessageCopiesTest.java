package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Property values of message copies (dead letters, retries)")
class MessageCopiesTest {

    @Test
    @DisplayName("values JMS allows as properties are copied as they are")
    void jmsValuesUnchanged() {
        for (Object value : List.of("text", true, (byte) 1, (short) 2, 3, 4L, 5.0f, 6.0, 'c')) {
            assertSame(
                    value,
                    MessageCopies.jmsPropertyValue(value),
                    value.getClass().getName());
        }
        assertNull(MessageCopies.jmsPropertyValue(null));
    }

    @Test
    @DisplayName("AMQP values JMS cannot carry travel as text, so the copy never fails on them")
    void otherValuesAsText() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000007");
        assertEquals("[a, b]", MessageCopies.jmsPropertyValue(List.of("a", "b")));
        assertEquals("{k=v}", MessageCopies.jmsPropertyValue(Map.of("k", "v")));
        assertEquals(id.toString(), MessageCopies.jmsPropertyValue(id));
    }
}
