package io.sitrep.integrations.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** The failures as Spring's mail sender reports them: only a 5xx is final. */
class SmtpRefusalTest {

    @Test
    void aMailboxRefusedWith5xxIsFinal() throws Exception {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress("bea@example.com"),
                "RCPT TO:<bea@example.com>", 550, "550 5.1.1 <bea@example.com>: no such user");
        SendFailedException invalid = new SendFailedException("Invalid Addresses", refused);

        assertThat(SmtpRefusal.permanent(sentAs(invalid)))
                .hasValueSatisfying(why -> assertThat(why).contains("550 5.1.1").contains("no such user"));
    }

    @Test
    void aMailboxRefusedWith4xxAndAServerThatIsDownArePostponed() throws Exception {
        SMTPAddressFailedException greylisted = new SMTPAddressFailedException(new InternetAddress("bea@example.com"),
                "RCPT TO:<bea@example.com>", 450, "450 4.2.0 greylisted, try again later");
        MailSendException down = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host, port: 127.0.0.1, 25", new ConnectException("Connection refused")));

        assertThat(SmtpRefusal.permanent(sentAs(new SendFailedException("Invalid Addresses", greylisted)))).isEmpty();
        assertThat(SmtpRefusal.permanent(down)).isEmpty();
        assertThat(SmtpRefusal.describe(down)).isEqualTo("ConnectException: Connection refused");
    }

    /** How JavaMailSenderImpl reports a message the server would not take. */
    private static MailSendException sentAs(Exception failure) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put(new Object(), failure);
        return new MailSendException(failed);
    }
}
