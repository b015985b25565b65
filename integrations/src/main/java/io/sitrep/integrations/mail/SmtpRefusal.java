package io.sitrep.integrations.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a refusal for good from a failure that passes. An SMTP server answers 5xx when it will
 * never take the mail (no such mailbox, the sender not allowed) and 4xx when it may later
 * (greylisting, a full queue); a connection refused or timed out is an outage. Only the 5xx is
 * final: sending again would not help, so the page escalates at once instead of waiting on it.
 */
public final class SmtpRefusal {

    private SmtpRefusal() {
    }

    /** The server's final refusal in {@code failure} ({@code 550 no such user}), or empty when trying again may help. */
    public static Optional<String> permanent(Throwable failure) {
        for (Throwable each : everyCause(failure)) {
            int code = returnCode(each);
            if (code >= 500) {
                return Optional.of("the mail server refused it for good: " + oneLine(each.getMessage()));
            }
            if (each instanceof AddressException) {
                return Optional.of("the address is not valid: " + oneLine(each.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** What went wrong, briefly, for the log and the queue's last error. */
    public static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable each : everyCause(failure)) {
            if (returnCode(each) > 0 || each.getCause() == null && !(each instanceof MessagingException)) {
                deepest = each;
            }
        }
        String message = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
    }

    private static int returnCode(Throwable failure) {
        if (failure instanceof SMTPAddressFailedException address) {
            return address.getReturnCode();
        }
        if (failure instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        return failure instanceof SMTPSendFailedException send ? send.getReturnCode() : -1;
    }

    /**
     * The failure and everything it carries: causes, Jakarta Mail's chained "next" exceptions
     * (one per refused recipient) and Spring's exceptions per failed message.
     */
    private static List<Throwable> everyCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> found = new ArrayList<>();
        Deque<Throwable> open = new ArrayDeque<>();
        open.add(failure);
        while (!open.isEmpty()) {
            Throwable each = open.poll();
            if (!seen.add(each)) {
                continue;
            }
            found.add(each);
            List<Throwable> carried = new ArrayList<>();
            carried.add(each.getCause());
            if (each instanceof MessagingException messaging) {
                carried.add(messaging.getNextException());
            }
            if (each instanceof MailSendException send) {
                carried.addAll(List.of(send.getMessageExceptions()));
            }
            carried.stream().filter(Objects::nonNull).forEach(open::add);
        }
        return found;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
