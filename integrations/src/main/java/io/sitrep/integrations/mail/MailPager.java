package io.sitrep.integrations.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * Pages by email: each {@code email} message of a delivery, sent through the configured SMTP
 * server ({@code spring.mail.*}). A notification whose page no longer wants it (acknowledged or
 * over while it waited in the queue) is dropped. Each mail's Message-ID comes from the delivery
 * and the message, so a retry after a crash between sending and marking carries the same one,
 * and mail clients show it once. An outage or a 4xx postpones the rest of the delivery; a 5xx
 * is final, and a notification refused so escalates its page at once.
 */
public final class MailPager implements ChatGateway {

    public static final String METHOD = "email";
    private static final Logger log = LoggerFactory.getLogger(MailPager.class);

    private final JavaMailSender sender;
    private final IncidentStore store;
    private final PageReceipts receipts;
    private final AcknowledgeLinks links;
    private final InternetAddress from;

    /** @param from {@code sitrep.mail.from}: an address, optionally with a name ({@code Sitrep <sitrep@example.com>}) */
    public MailPager(JavaMailSender sender, IncidentStore store, PageReceipts receipts, AcknowledgeLinks links,
                     String from) {
        this.sender = sender;
        this.store = store;
        this.receipts = receipts;
        this.links = links;
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("sitrep.mail.from: \"" + from + "\" is no mail address", e);
        }
    }

    @Override
    public String platform() {
        return METHOD;
    }

    @Override
    public boolean chat() {
        return false;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        List<String> failures = new ArrayList<>();
        Optional<Incident> incident = null; // read when the first mail is due, and again before each page
        for (int step = 0; step < delivery.messages().size(); step++) {
            DeliveryMessage message = delivery.messages().get(step);
            if (steps.done(step) || !(message.audience() instanceof Audience.Pager pager)
                    || !METHOD.equals(pager.method())) {
                continue;
            }
            if (incident == null || message.notifies()) {
                // An acknowledgement written while earlier mails went out must wake nobody.
                incident = store.find(delivery.incident());
            }
            if (incident.isEmpty() || message.page() != null && !message.page().stillWanted(incident.get())) {
                steps.markDone(step); // acknowledged or over while it waited: nobody is woken for nothing
                continue;
            }
            steps.sending();
            try {
                sender.send(mail(incident.get(), message, pager.address(), messageId(steps, step)));
            } catch (MailException | MessagingException e) {
                Optional<String> refused = SmtpRefusal.permanent(e);
                if (refused.isEmpty()) {
                    return new DeliveryResult.Postponed(null, "mail to " + pager.address() + " not sent: "
                            + SmtpRefusal.describe(e));
                }
                log.warn("A page mail of {} to {} was refused: {}", delivery.incident(), pager.address(), refused.get());
                steps.markDone(step);
                failures.add("mail to " + pager.address() + ": " + refused.get());
                if (message.notifies()) {
                    receipts.failed(delivery.incident(), message.page(), pager, refused.get());
                }
                continue;
            }
            steps.markDone(step);
            if (message.notifies()) {
                receipts.sent(delivery.incident(), message.page(), pager);
            }
        }
        return new DeliveryResult.Delivered(failures);
    }

    private MimeMessage mail(Incident incident, DeliveryMessage message, String to, String messageId)
            throws MessagingException {
        PageMark page = message.page();
        String link = message.notifies() ? links.link(incident.id(), page.page(), page.person()) : null;
        PageMail mail = PageMail.of(incident, message, link);
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(to, true));
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (messageId != null) {
            // Spring keeps a Message-ID set before sending rather than making a new one.
            mime.setHeader("Message-ID", messageId);
        }
        // RFC 3834: no vacation or out-of-office replies to a machine's mail.
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }

    /** {@code <delivery.step.page@domain>}, the same on every try of this message; null where nothing is stored. */
    private String messageId(DeliverySteps steps, int step) {
        String address = from.getAddress();
        String domain = address.contains("@") ? address.substring(address.indexOf('@') + 1) : "sitrep.invalid";
        return steps.deliveryId().map(id -> "<" + id + "." + step + ".page@" + domain + ">").orElse(null);
    }
}
