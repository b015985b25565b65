package io.sitrep.bot.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.sitrep.incident.Caller;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.Platform;
import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * One command being run: its parsed line, who typed it where, typed access to its arguments,
 * and the writer that queues what others are told with each change. Every accessor fails with
 * a message that says what was expected.
 */
public final class Invocation {

    private final CommandSpec command;
    private final CommandLine line;
    private final Caller caller;
    private final String channel;
    private final CommandContext context;
    private final ChatCommand typed;
    private final Outbox outbox;
    private final Permissions permissions;
    /** Null until asked: most commands name their incident, and list or help need none. */
    private Optional<IncidentId> namedOrImplied;

    Invocation(CommandSpec command, CommandLine line, ChatCommand typed, CommandContext context, Outbox outbox,
               Permissions permissions) {
        this.command = command;
        this.line = line;
        this.caller = new Caller(typed.actor().name(), Platform.named(typed.channel().platform()), typed.actor().id());
        this.channel = typed.channel().id();
        this.context = context;
        this.typed = typed;
        this.outbox = outbox;
        this.permissions = permissions;
    }

    /**
     * The writer for this command's changes that tell others something: each write returns the
     * change with what {@code tell} planned from it, queued with it in the same atomic write.
     * Each attempt first checks that the caller may run this command on the incident it read.
     */
    public TellingWriter writer(Function<IncidentChange, List<Reply.Post>> tell) {
        return new TellingWriter(announcing(tell), tell);
    }

    /** The writer for changes that tell nobody anything beyond the incident's card. */
    public IncidentWriter writer() {
        return announcing(change -> List.of());
    }

    /**
     * What others are told of a change is planned by {@code tell} from the change as written;
     * each change, even one that tells nobody anything, is delivered (its card is brought up to date).
     */
    private IncidentWriter announcing(Function<IncidentChange, List<Reply.Post>> tell) {
        IncidentWriter.Announcer delivery = outbox.announcing((before, change) -> {
            List<Reply.Post> posts = tell.apply(change);
            List<DeliveryMessage> messages = posts.stream().map(post -> delivered(post, change.incident())).toList();
            return new Delivery(change.incident().id(), caller.origin(), messages,
                    before == null, typed, change.incident().platforms());
        });
        return context.writer().guarded(this::permit).announcing(delivery);
    }

    /** A post as delivered to others: one without a channel is the caller's, a channel by name the room's or stakeholders'. */
    private DeliveryMessage delivered(Reply.Post post, Incident incident) {
        Audience audience = post.channel() == null ? Audience.CALLER
                : new ChannelNames(context.stakeholderChannel(), null).audience(new Audience.Named(post.channel()), incident);
        return new DeliveryMessage(audience, post.text(), post.actions());
    }

    /** The command being run, as its spec declares it. */
    public CommandSpec spec() {
        return command;
    }

    public Caller caller() {
        return caller;
    }

    /** The channel the command was typed in. */
    public String channel() {
        return channel;
    }

    public CommandContext context() {
        return context;
    }

    /** The incident named after the first word, or else the one whose channel this is. */
    public IncidentId incident() {
        return namedOrImpliedIncident()
                .orElseThrow(() -> new CommandException("Which incident? Name it after the first word, e.g. /incident "
                        + exampleWithId() + ", or run it in the incident's own channel."));
    }

    /** Whether the caller is named in {@code sitrep.permissions.admins}. */
    public boolean isAdmin() {
        return permissions.admin(caller);
    }

    /**
     * The incident as it is now, once the caller may run this command on it: for a command that
     * reads the incident before it writes, so that a refusal comes first, from the same read.
     */
    public Incident permittedIncident() {
        IncidentId id = incident();
        Incident current = context.store().find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        permit(current);
        return current;
    }

    /**
     * Refuses the caller unless they may run this command on {@code current}. Each write checks
     * it on the incident as that attempt read it: a race lost to a new commander counts.
     */
    private void permit(Incident current) {
        if (command.aboutIncident()) {
            permissions.check(command, line, caller, current);
        }
    }

    /** Whether the caller may run {@code spec} on {@code incident}. */
    public boolean may(CommandSpec spec, Incident incident) {
        return permissions.allows(spec, caller, incident);
    }

    /**
     * Argument {@code n} as a person: a platform mention (kept by id; a name it carries, as
     * Slack's {@code <@U0BOB|bob>} does, is remembered for where mentions do not render),
     * {@code @alice} or {@code alice}.
     */
    public String user(int n, String what) {
        String typed = arg(n, what);
        String user = UserArgument.parse(typed);
        PersonReference.idOf(user).ifPresent(id -> PersonReference.nameIn(typed).ifPresent(name -> {
            try {
                context.people().remember(id, name);
            } catch (RuntimeException e) {
                // a name is a nicety; the person is kept by id all the same
            }
        }));
        return user;
    }

    /**
     * The incident named after the first word, or the one whose channel this is, if either;
     * the channel's incident is looked up once however often a command asks.
     */
    public Optional<IncidentId> namedOrImpliedIncident() {
        if (namedOrImplied == null) {
            namedOrImplied = line.incident().or(() -> context.store().findByChannel(channel));
        }
        return namedOrImplied;
    }

    /** {@code resolved INC-7 …}, or {@code postmortem INC-7 set …} for verbs of a group. */
    private String exampleWithId() {
        String[] words = command.name().split(" ", 2);
        return words[0] + " INC-7" + (words.length > 1 ? " " + words[1] : "") + " …";
    }

    /** Whether an incident id was typed after the first word. */
    public boolean namesIncident() {
        return line.incident().isPresent();
    }

    public List<String> args() {
        return line.args();
    }

    /** All arguments joined as free text; {@code what} names it in the error when there is none. */
    public String text(String what) {
        return requireText(String.join(" ", line.args()), what);
    }

    /** Arguments from position {@code n} on, joined as free text. */
    public String textFrom(int n, String what) {
        return requireText(String.join(" ", line.argsFrom(n)), what);
    }

    public String arg(int n, String what) {
        if (n >= line.args().size() || line.args().get(n).isBlank()) {
            throw missing(what);
        }
        return line.args().get(n);
    }

    public Optional<String> flag(String name) {
        List<String> values = line.flags().get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new CommandException("--" + name + " was given " + values.size() + " times; give it once.");
        }
        return Optional.of(values.get(0));
    }

    /** A repeatable flag; each value may also be a comma-separated list. */
    public List<String> flagValues(String name) {
        return line.flags().getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** A time flag that must not be in the future. */
    public Optional<Instant> pastTimeFlag(String name) {
        return flag(name).map(value -> TimeArgument.parsePast(name, value, context.clock()));
    }

    /** A time flag, past or future, read as {@link TimeArgument} reads times. */
    public Optional<Instant> timeFlag(String name) {
        return flag(name).map(value -> TimeArgument.parse(name, value, context.clock()));
    }

    public Instant now() {
        return context.clock().instant();
    }

    private String requireText(String text, String what) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw missing(what);
        }
        return stripped;
    }

    private CommandException missing(String what) {
        return new CommandException(command.name() + " needs " + what + ". Usage: /incident " + command.usage());
    }
}
