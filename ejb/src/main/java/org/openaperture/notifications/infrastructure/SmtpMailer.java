package org.openaperture.notifications.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.openaperture.notifications.application.Mailer;
import org.openaperture.notifications.application.NotificationDeliveryException;
import org.openaperture.notifications.domain.EmailNotification;

/**
 * Sends email with Jakarta Mail over SMTP: one plain-text UTF-8 message to all addresses, subject the
 * notification's prefix. The settings are read for every message, so a changed mail server needs no restart.
 * Connecting, reading and writing are each bounded by the configured timeout.
 */
@ApplicationScoped
public class SmtpMailer implements Mailer {
    private final Supplier<SmtpSettings> settings;

    @Inject
    public SmtpMailer(Config config) {
        this(() -> SmtpSettings.from(config));
    }

    SmtpMailer(Supplier<SmtpSettings> settings) {
        this.settings = settings;
    }

    /** For CDI's proxy only. */
    protected SmtpMailer() {
        this.settings = null;
    }

    @Override
    public void send(EmailNotification email) {
        SmtpSettings smtp = settings.get();
        Session session = Session.getInstance(properties(smtp));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from()));
            message.setRecipients(Message.RecipientType.TO, recipients(email));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(
                        smtp.host(),
                        smtp.port(),
                        smtp.username().orElse(null),
                        smtp.password().orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new NotificationDeliveryException("email not sent through " + smtp + ": " + e.getMessage(), e);
        }
    }

    private static Address[] recipients(EmailNotification email) throws MessagingException {
        Address[] to = new Address[email.addresses().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(email.addresses().get(i), true);
        }
        return to;
    }

    private static Properties properties(SmtpSettings smtp) {
        String timeout = Long.toString(smtp.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", smtp.host());
        properties.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        properties.setProperty(
                "mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        return properties;
    }
}
