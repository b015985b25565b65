package io.sitrep.bot.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandRefusedException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.incident.Caller;
import io.sitrep.incident.PersonReference;

/**
 * {@code /incident oncall [schedule] [--at T]}: who is on call now and next, per layer, with the
 * overrides in force and ahead and their ids; {@code /incident oncall override <schedule> <@user|person> --from T --to T}:
 * someone stands in, and {@code /incident oncall remove <schedule> <override id>} takes that
 * back, both allowed to the schedule's people and admins. Times are shown in the
 * asker's zone where people.yml knows it, else in the schedule's.
 */
public final class OnCallCommands {

    /** Longer stand-ins are a change of the rotation, which belongs in the schedule's file. */
    static final Duration LONGEST_OVERRIDE = Duration.ofDays(90);

    /** A chat answer stays readable; the calendar has them all. */
    private static final int OVERRIDES_LISTED = 20;

    private final OnCallDesk desk;

    private OnCallCommands(OnCallDesk desk) {
        this.desk = desk;
    }

    /** @param desk null where on-call is not set up: the commands then say so */
    public static CommandSet commands(OnCallDesk desk) {
        OnCallCommands oncall = new OnCallCommands(desk);
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("oncall show", oncall::show);
        commands.put("oncall override", oncall::override);
        commands.put("oncall remove", oncall::remove);
        return new CommandSet(commands);
    }

    private Reply show(Invocation invocation) {
        OnCallDesk desk = desk();
        OnCallDirectory directory = loaded(desk);
        Instant at = invocation.flag("at").map(text -> time("at", text, invocation)).orElse(invocation.now());
        Optional<Person> asker = asker(directory, invocation.caller());
        if (invocation.args().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Schedule schedule : directory.allSchedules()) {
                OnCallNow now = desk.at(schedule, at);
                ZoneId zone = asker.map(p -> p.zoneOr(schedule.zone())).orElse(schedule.zone());
                lines.add(schedule.name() + " (" + schedule.id() + "): " + now.current()
                        .map(s -> s.person() + untilText(s, zone)).orElse("nobody on call")
                        + now.next().map(s -> "; next " + s.person()).orElse(""));
            }
            return Reply.text("On call " + when(at, invocation) + ":\n" + String.join("\n", lines)
                    + "\nDetails: /incident oncall <schedule>");
        }
        Schedule schedule = schedule(directory, invocation.arg(0, "a schedule"));
        ZoneId zone = asker.map(p -> p.zoneOr(schedule.zone())).orElse(schedule.zone());
        List<OnCallOverride> ahead = desk.overrides().overlapping(schedule.id(), at, at.plus(OnCallResolver.FURTHEST))
                .stream().sorted(Comparator.comparing(OnCallOverride::from)).toList();
        return Reply.text(details(desk.at(schedule, at), ahead, zone, when(at, invocation)));
    }

    private Reply override(Invocation invocation) {
        OnCallDesk desk = desk();
        OnCallDirectory directory = loaded(desk);
        Schedule schedule = schedule(directory, invocation.arg(0, "a schedule"));
        Person standIn = person(directory, invocation.user(1, "who stands in (@user or their key in people.yml)"));
        Instant from = time("from", invocation.flag("from").orElseThrow(() -> missingWindow(schedule)), invocation);
        Instant until = time("to", invocation.flag("to").orElseThrow(() -> missingWindow(schedule)), invocation);
        if (!until.isAfter(from)) {
            throw new CommandException("--to must be after --from.");
        }
        if (!until.isAfter(invocation.now())) {
            throw new CommandException("That window is over already; an override is for now or later.");
        }
        if (Duration.between(from, until).compareTo(LONGEST_OVERRIDE) > 0) {
            throw new CommandException("An override lasts at most 90 days; change the rotation in " + schedule.file()
                    + " for longer.");
        }
        Caller caller = invocation.caller();
        Optional<Person> asker = mayChange(schedule, directory, invocation, "override it");
        OnCallOverride override = new OnCallOverride(OverrideStore.newId(), schedule.id(), standIn.key(), from, until,
                caller.reference(), invocation.now());
        desk.overrides().add(override);
        ZoneId zone = asker.map(p -> p.zoneOr(schedule.zone())).orElse(schedule.zone());
        return Reply.text(standIn.key() + " is on call for " + schedule.name() + " from "
                + OnCallTimes.format(from, zone) + " until " + OnCallTimes.format(until, zone) + " (override "
                + override.id() + ", times in " + zone.getId() + ").");
    }

    /** Takes an override back, by the id its making answered with and {@code oncall <schedule>} lists. */
    private Reply remove(Invocation invocation) {
        OnCallDesk desk = desk();
        OnCallDirectory directory = loaded(desk);
        Schedule schedule = schedule(directory, invocation.arg(0, "a schedule"));
        String id = invocation.arg(1, "the override's id");
        Optional<Person> asker = mayChange(schedule, directory, invocation, "take its overrides back");
        if (!desk.overrides().remove(schedule.id(), id)) {
            throw new CommandException(schedule.name() + " has no override '" + id + "'. /incident oncall "
                    + schedule.id() + " lists them with their ids.");
        }
        ZoneId zone = asker.map(p -> p.zoneOr(schedule.zone())).orElse(schedule.zone());
        OnCallNow now = desk.at(schedule, invocation.now());
        return Reply.text("Override " + id + " of " + schedule.name() + " removed. On call now: " + now.current()
                .map(s -> describe(s, zone)).orElse("nobody") + " (times in " + zone.getId() + ").");
    }

    /**
     * The schedule's people and admins may change who stands in on it.
     *
     * @return the asker as people.yml knows them, if it does
     */
    private static Optional<Person> mayChange(Schedule schedule, OnCallDirectory directory, Invocation invocation,
                                              String what) {
        Optional<Person> asker = asker(directory, invocation.caller());
        boolean onSchedule = asker.map(p -> schedule.people().contains(p.key())).orElse(false);
        if (!onSchedule && !invocation.isAdmin()) {
            throw new CommandRefusedException("Only the people of " + schedule.id() + " (" + String.join(", ",
                    schedule.people()) + ") or an admin may " + what + ".");
        }
        return asker;
    }

    /** @param overrides those in force and ahead, with the ids that take them back */
    private static String details(OnCallNow now, List<OnCallOverride> overrides, ZoneId zone, String when) {
        Schedule schedule = now.schedule();
        StringBuilder text = new StringBuilder(schedule.name() + " (" + schedule.id() + ") " + when + ", times in "
                + zone.getId() + ":\n");
        text.append("On call: ").append(now.current().map(s -> describe(s, zone)).orElse("nobody")).append('\n');
        text.append("Next: ").append(now.next().map(s -> describe(s, zone)).orElse("nobody known ahead"));
        for (Shift layer : now.layers()) {
            text.append("\n  layer ").append(layer.layer()).append(": ").append(layer.person())
                    .append(untilText(layer, zone));
        }
        for (OnCallOverride override : overrides.subList(0, Math.min(overrides.size(), OVERRIDES_LISTED))) {
            text.append("\n  override ").append(override.id()).append(": ").append(override.person()).append(" from ")
                    .append(OnCallTimes.format(override.from(), zone)).append(" until ")
                    .append(OnCallTimes.format(override.until(), zone));
        }
        if (overrides.size() > OVERRIDES_LISTED) {
            text.append("\n  and ").append(overrides.size() - OVERRIDES_LISTED).append(" more overrides later");
        }
        return text.toString();
    }

    private static String describe(Shift shift, ZoneId zone) {
        return shift.person() + " (" + (shift.override() ? "override" : shift.layer()) + ") from "
                + OnCallTimes.format(shift.from(), zone) + untilText(shift, zone);
    }

    private static String untilText(Shift shift, ZoneId zone) {
        return shift.until() == null ? ", no change ahead" : " until " + OnCallTimes.format(shift.until(), zone);
    }

    private static String when(Instant at, Invocation invocation) {
        return at.equals(invocation.now()) ? "now" : "at " + at;
    }

    private OnCallDesk desk() {
        if (desk == null) {
            throw new CommandException("On-call is not set up here: schedules are YAML files in sitrep.oncall.dir.");
        }
        return desk;
    }

    private static OnCallDirectory loaded(OnCallDesk desk) {
        OnCallDirectory directory = desk.directory();
        if (directory.schedules().isEmpty()) {
            throw new CommandException("No on-call schedules are loaded: they are YAML files in sitrep.oncall.dir"
                    + (directory.problems().isEmpty() ? "." : ", and " + directory.problems().size()
                    + " problems kept some out (see the log)."));
        }
        return directory;
    }

    private static Schedule schedule(OnCallDirectory directory, String id) {
        return directory.schedule(id).orElseThrow(() -> new CommandException("There is no schedule '" + id
                + "'. Schedules: " + String.join(", ", directory.schedules().keySet()) + "."));
    }

    /** A mention names a person by platform id; a bare word by their key in people.yml. */
    private static Person person(OnCallDirectory directory, String user) {
        String id = PersonReference.idOf(user).orElse(user);
        return directory.person(id).orElseThrow(() -> new CommandException("'" + user + "' is nobody in "
                + "people.yml; name a person by their key (" + String.join(", ", directory.people().keySet().stream()
                .sorted().toList()) + ") or mention them."));
    }

    /** By platform id where the platform vouches for one; by name only for the console and the API. */
    private static Optional<Person> asker(OnCallDirectory directory, Caller caller) {
        if (caller.id() != null) {
            return directory.people().values().stream().filter(p -> p.isCalled(caller.id())).findFirst();
        }
        return Optional.ofNullable(directory.people().get(caller.name()));
    }

    private static CommandException missingWindow(Schedule schedule) {
        return new CommandException("An override needs --from and --to, like /incident oncall override "
                + schedule.id() + " @bea --from 2027-03-28T09:00Z --to 2027-03-29T09:00Z.");
    }

    private static Instant time(String flag, String text, Invocation invocation) {
        try {
            return OnCallTimes.parse(text, invocation.context().clock());
        } catch (IllegalArgumentException e) {
            throw new CommandException("--" + flag + " " + e.getMessage());
        }
    }
}
