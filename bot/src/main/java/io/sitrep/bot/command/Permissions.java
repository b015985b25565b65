package io.sitrep.bot.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.sitrep.config.PermissionSettings;
import io.sitrep.incident.Caller;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.Role;
import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.Permission;

/**
 * Who may run what on an incident, as each command's spec says, checked on the incident as
 * the command reads it to change it (each write attempt's own read), before anything is
 * decided or written. Admins may do everything. Giving the commander or comms role, and forcing a
 * resolve, are the commander's; the postmortem's owner counts as holding a role (they write
 * it). An incident nobody commands yet (a watcher opened it and
 * nobody has accepted it) is open to anyone: someone has to take it or call it off.
 */
final class Permissions {

    private static final Set<Role> LEADING_ROLES = EnumSet.of(Role.COMMANDER, Role.COMMS);

    private final List<String> admins;

    Permissions(PermissionSettings settings) {
        this.admins = settings.admins();
    }

    /**
     * An admin is named in {@code sitrep.permissions.admins}: by id where the platform has ids
     * (a name there can be taken by renaming oneself), by name on the console and the API.
     */
    boolean admin(Caller caller) {
        if (caller.id() != null) {
            return admins.contains(caller.id());
        }
        return admins.contains(caller.name()) && PersonReference.idOf(caller.name()).isEmpty();
    }

    /** What {@code line} needs on its incident: the spec's permission, raised by what it asks for. */
    static Permission needed(CommandSpec spec, CommandLine line) {
        if (line.flags().containsKey("force")) {
            return Permission.COMMANDER;
        }
        if (spec.name().equals("assign") && !line.args().isEmpty()
                && Role.tryParse(line.args().get(0)).filter(LEADING_ROLES::contains).isPresent()) {
            return Permission.COMMANDER;
        }
        return spec.permission();
    }

    /** @throws CommandRefusedException saying who may, when {@code caller} may not */
    void check(CommandSpec spec, CommandLine line, Caller caller, Incident incident) {
        Permission needed = needed(spec, line);
        if (allows(needed, caller, incident)) {
            return;
        }
        String what = spec.event().map(IncidentEvent::verb).orElse("run `" + spec.name() + "` on");
        if (line.flags().containsKey("force")) {
            what = "force " + what;
        }
        throw new CommandRefusedException("Only " + whoMay(needed, incident) + " or an admin may " + what + " "
                + incident.id() + ".");
    }

    /** Whether {@code caller} may run {@code spec} on {@code incident} (as typed plainly: no {@code --force}). */
    boolean allows(CommandSpec spec, Caller caller, Incident incident) {
        return allows(spec.permission(), caller, incident);
    }

    private boolean allows(Permission needed, Caller caller, Incident incident) {
        return needed == Permission.ANYONE || admin(caller) || incident.roles().get(Role.COMMANDER) == null
                || holds(needed, caller, incident);
    }

    private static boolean holds(Permission needed, Caller caller, Incident incident) {
        Map<Role, String> roles = incident.roles();
        return switch (needed) {
            case ANYONE -> true;
            // Whoever owns the postmortem works on the incident too: they write it.
            case ROLE_HOLDER -> roles.values().stream().anyMatch(caller::is) || caller.is(incident.postmortem().owner());
            case COMMANDER_OR_COMMS -> caller.is(roles.get(Role.COMMANDER)) || caller.is(roles.get(Role.COMMS));
            case COMMANDER -> caller.is(roles.get(Role.COMMANDER));
            // The follow-up's own owner is checked by the command, which knows which follow-up is meant.
            case COMMANDER_OR_POSTMORTEM_OWNER, FOLLOW_UP_OWNER -> caller.is(roles.get(Role.COMMANDER))
                    || caller.is(incident.postmortem().owner());
            case PAGED_OR_ROLE_HOLDER -> holds(Permission.ROLE_HOLDER, caller, incident) || paged(caller, incident);
        };
    }

    /**
     * Whether one of the incident's pages notified {@code caller}: by their user id on the chat
     * platform they use, or — where the platform has no ids (the console, the API) — by their
     * key in people.yml.
     */
    private static boolean paged(Caller caller, Incident incident) {
        return incident.paging().pages().stream().flatMap(page -> page.notifications().stream())
                .anyMatch(n -> caller.id() != null
                        ? n.method().equals(caller.platform().wireName()) && n.address().equals(caller.id())
                        : n.person().equals(caller.name()));
    }

    /** "the commander (<@U0ALICE>)", "someone holding a role on INC-7 (commander <@U0ALICE>, scribe bob)". */
    private static String whoMay(Permission needed, Incident incident) {
        Map<Role, String> roles = incident.roles();
        return switch (needed) {
            case ROLE_HOLDER -> "someone holding a role on " + incident.id() + " (" + holders(roles, Set.of(Role.values()))
                    + (incident.postmortem().owner() == null ? "" : ", postmortem owner " + incident.postmortem().owner())
                    + ")";
            case COMMANDER_OR_COMMS -> "the commander or comms (" + holders(roles, LEADING_ROLES) + ")";
            case COMMANDER -> "the commander (" + roles.get(Role.COMMANDER) + ")";
            case COMMANDER_OR_POSTMORTEM_OWNER, FOLLOW_UP_OWNER -> "the commander or the postmortem owner (" + holders(roles,
                    Set.of(Role.COMMANDER)) + (incident.postmortem().owner() == null ? ""
                    : ", postmortem owner " + incident.postmortem().owner()) + ")";
            case PAGED_OR_ROLE_HOLDER -> "a person paged for " + incident.id() + " or someone holding a role on it ("
                    + holders(roles, Set.of(Role.values())) + ")";
            case ANYONE -> "anyone";
        };
    }

    private static String holders(Map<Role, String> roles, Set<Role> which) {
        List<String> named = new ArrayList<>();
        roles.forEach((role, who) -> {
            if (which.contains(role)) {
                named.add(role.word().toLowerCase(Locale.ROOT) + " " + who);
            }
        });
        return named.isEmpty() ? "nobody yet" : String.join(", ", named);
    }
}
