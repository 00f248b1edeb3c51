package org.gigaplan.platform.internal.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Properties;

import javax.mail.Authenticator;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * Hands one mail to the configured SMTP server with JavaMail: plain text in UTF-8, the Message-ID made from the mail's
 * key, so that a mail sent again after a crash between sending and recording it is the same message to the reader's
 * mail program. The password is read from the environment or a file when a mail is sent, and never kept or logged.
 */
final class SmtpTransport {

    private static final int TIMEOUT_MILLIS = 15_000;

    private final NotifyConfig config;

    SmtpTransport(NotifyConfig config) {
        this.config = config;
    }

    /** Whether a mail server is configured. */
    boolean configured() {
        return !config.smtpHost().isBlank();
    }

    /** Where mails go, for logs and the job list: host, port and security; never the credentials. */
    String describe() {
        return configured() ? config.smtpHost() + ":" + config.smtpPort() + " (" + config.smtpSecurity() + ")"
                : "no mail server configured";
    }

    /**
     * Sends one mail.
     *
     * @param messageKey what makes the mail one: its Message-ID is derived from it
     * @throws MessagingException when the server is unreachable or refuses it
     */
    void send(String to, String subject, String body, String messageKey) throws MessagingException {
        if (!configured()) {
            throw new MessagingException("no mail server configured (" + NotifyConfig.PID + " smtpHost)");
        }
        // JavaMail finds its SMTP provider through the thread's context class loader: give it JavaMail's own.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties(), authenticator());
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + messageId(messageKey) + ">");
                }
            };
            message.setFrom(new InternetAddress(config.sender()));
            message.setRecipients(javax.mail.Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A Message-ID for a mail key: the key's SHA-256, at the sender's domain. */
    static String messageId(String key) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16) + "@gigaplan";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        String security = config.smtpSecurity();
        boolean ssl = "ssl".equals(security);
        String prefix = ssl ? "mail.smtps." : "mail.smtp.";
        p.put("mail.transport.protocol", ssl ? "smtps" : "smtp");
        p.put(prefix + "host", config.smtpHost());
        p.put(prefix + "port", Integer.toString(config.smtpPort()));
        p.put(prefix + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put(prefix + "timeout", Integer.toString(TIMEOUT_MILLIS));
        p.put(prefix + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put(prefix + "auth", Boolean.toString(!config.smtpUser().isBlank()));
        if ("starttls".equals(security)) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (ssl) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        } else if ("starttls".equals(security)) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        p.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    private Authenticator authenticator() {
        if (config.smtpUser().isBlank()) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.smtpUser(), password());
            }
        };
    }

    /** The password: from the environment variable named, else the file named; empty when neither has one. */
    private String password() {
        String name = config.smtpPasswordEnv();
        String fromEnv = name == null || name.isBlank() ? null : System.getenv(name);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (!config.smtpPasswordFile().isBlank()) {
            try {
                return Files.readString(Path.of(config.smtpPasswordFile()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the mail server's password file "
                        + config.smtpPasswordFile() + ": " + e.getClass().getSimpleName());
            }
        }
        return "";
    }
}
