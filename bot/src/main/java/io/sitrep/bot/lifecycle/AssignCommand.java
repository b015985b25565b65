package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.Role;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;

/** {@code assign <role> <@user>}: gives a role to a person; whoever held it before is replaced. */
final class AssignCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String roleWord = in.arg(0, "a role (" + Role.allWords() + ")");
        Role role = Role.tryParse(roleWord).orElseThrow(() -> new CommandException(
                "'" + roleWord + "' is not a role. Roles: " + Role.allWords() + "."));
        String user = in.user(1, "a user to assign");
        if (in.args().size() > 2) {
            throw new CommandException("assign takes one role and one user. Usage: /incident " + in.spec().usage());
        }
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.ASSIGN_ROLE, TransitionRequest.NONE,
                (current, t) -> {
                    String previous = current.roles().get(role);
                    if (user.equals(previous)) {
                        throw new CommandException(user + " is already " + role.word() + " of " + current.id() + ".");
                    }
                    return new IncidentChange(current.toBuilder().role(role, user).build(),
                            ctx.entry(TimelineKind.ROLE_ASSIGNED, in.caller(), role.word() + ": " + user,
                                    data("role", role.word(), "user", user, "previous", previous)));
                });
        Incident incident = change.incident();
        return Reply.about(incident.id()).toCaller(user + " is now " + role.word() + " of " + incident.id() + ".").build();
    }
}
