package io.sitrep.bot.status.subscribers;

import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Whether the subscribe form's address is one a mail can go to, and if not, what is wrong, in words. */
final class MailAddresses {

    private MailAddresses() {
    }

    static Optional<String> problem(String given) {
        if (given == null || given.isBlank()) {
            return Optional.of("Please give a mail address.");
        }
        String address = given.strip();
        if (address.length() > 254) {
            return Optional.of("The mail address is too long (at most 254 characters).");
        }
        int at = address.indexOf('@');
        if (at < 1 || at != address.lastIndexOf('@')) {
            return Optional.of("\"" + address + "\" is not a mail address: it needs one @ with a name before it.");
        }
        if (!address.substring(at + 1).contains(".")) {
            return Optional.of("\"" + address + "\" is not a mail address: the part after the @ needs a domain "
                    + "such as example.com.");
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
                return Optional.of("Please give only the mail address, without a name or brackets.");
            }
        } catch (AddressException e) {
            return Optional.of("\"" + address + "\" is not a mail address: " + e.getMessage() + ".");
        }
        return Optional.empty();
    }
}
