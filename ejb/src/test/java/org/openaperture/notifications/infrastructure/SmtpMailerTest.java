package org.openaperture.notifications.infrastructure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaperture.notifications.application.NotificationDeliveryException;
import org.openaperture.notifications.domain.EmailNotification;

/** The mailer against a real SMTP server in the test JVM (GreenMail, on a free loopback port). */
class SmtpMailerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("openaperture", "s3cret-pw"));

    private static final EmailNotification EMAIL = new EmailNotification(
            "SUCCEEDED [OA][42][org/app_docker]",
            "Source Commit:\norg/app/commit/abc\n\nhttp://ui/index.html#/oa/workflows/workflows/42",
            List.of("dev@example.com", "ops@example.org"));

    private static SmtpSettings settings(int port, Duration timeout) {
        return new SmtpSettings(
                "127.0.0.1",
                port,
                "openaperture@example.com",
                Optional.of("openaperture"),
                Optional.of("s3cret-pw"),
                false,
                timeout);
    }

    @Test
    @DisplayName(
            "Mailer: SMTP ok -> one message to every address, subject = prefix, body = message, the configured From")
    void smtpOk() throws Exception {
        new SmtpMailer(() -> settings(SMTP.getSmtp().getPort(), Duration.ofSeconds(10))).send(EMAIL);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient mailbox");
        MimeMessage message = received[0];
        assertEquals("SUCCEEDED [OA][42][org/app_docker]", message.getSubject());
        assertEquals(EMAIL.body(), GreenMailUtil.getBody(message).replace("\r\n", "\n"));
        assertArrayEquals(new Address[] {new InternetAddress("openaperture@example.com")}, message.getFrom());
        assertArrayEquals(
                new Address[] {new InternetAddress("dev@example.com"), new InternetAddress("ops@example.org")},
                message.getRecipients(Message.RecipientType.TO));
        assertTrue(message.getContentType().startsWith("text/plain"), message.getContentType());
    }

    @Test
    @DisplayName("Mailer: SMTP error -> error (nobody listening), naming the server and never the password")
    void smtpError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailer mailer = new SmtpMailer(() -> settings(closedPort, Duration.ofSeconds(5)));

        NotificationDeliveryException failure =
                assertThrows(NotificationDeliveryException.class, () -> mailer.send(EMAIL));
        assertTrue(failure.getMessage().contains("smtp://127.0.0.1:" + closedPort), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret-pw"), failure.getMessage());
    }

    @Test
    @DisplayName("a server that accepts the connection and never answers is given up after the timeout")
    void aServerThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        CountDownLatch testOver = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                // holds the connection open, without a word, until the test is over
                try (Socket ignored = silent.accept()) {
                    testOver.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SmtpMailer mailer = new SmtpMailer(() -> settings(silent.getLocalPort(), Duration.ofMillis(500)));

            long start = System.nanoTime();
            assertThrows(NotificationDeliveryException.class, () -> mailer.send(EMAIL));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "bounded by the timeout");
        } finally {
            testOver.countDown();
        }
    }

    @Test
    @DisplayName("the settings as logged never show the password")
    void settingsWithoutPassword() {
        assertTrue(settings(25, Duration.ofSeconds(1)).toString().contains("as openaperture"));
        assertFalse(settings(25, Duration.ofSeconds(1)).toString().contains("s3cret-pw"));
    }
}
