package io.sitrep.bot.command;

/** A user as typed in chat, {@code @alice} or {@code alice}. */
final class UserArgument {

    private UserArgument() {
    }

    static String parse(String text) {
        String user = text.strip();
        if (user.startsWith("@")) {
            user = user.substring(1);
        }
        if (user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)) {
            throw new CommandException("'" + text + "' is not a user; write it as @name.");
        }
        return user;
    }
}
