package io.sitrep.bot.command;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.PersonReference;

/** A user as typed: a platform mention ({@code <@U0BOB>}, kept by id), {@code @alice} or {@code alice}. */
public final class UserArgument {

    private UserArgument() {
    }

    public static String parse(String text) {
        String user = text.strip();
        if (PersonReference.idOf(user).isPresent()) {
            return PersonReference.normalise(user); // a platform mention: the person, by id
        }
        if (user.startsWith("@")) {
            user = user.substring(1);
        }
        if (IncidentId.tryParse(user).isPresent()) {
            throw new CommandException("'" + text + "' is an incident, not a user; name the incident right after "
                    + "the first word: /incident postmortem INC-7 start @owner.");
        }
        if (user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)) {
            throw new CommandException("'" + text + "' is not a user; write it as @name.");
        }
        return user;
    }
}
