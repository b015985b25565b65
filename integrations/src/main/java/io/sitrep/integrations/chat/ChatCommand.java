package io.sitrep.integrations.chat;

/** One {@code /incident …} line typed by {@code actor} in {@code channel}. */
public record ChatCommand(String text, Actor actor, ChannelRef channel) {

    /** The platform names Sitrep's own watchers speak as. */
    private static final java.util.Set<String> WATCHERS = java.util.Set.of("reminder", "health", "alert");

    public ChatCommand {
        text = text == null ? "" : text;
    }

    /** From Sitrep's own watchers (the reminder clock, the health watch, Alertmanager), not a person. */
    public boolean fromWatcher() {
        return WATCHERS.contains(channel.platform());
    }

    /** From a watcher that opens incidents (health, alerts): those get a room on every platform. */
    public boolean fromIncidentOpener() {
        return fromWatcher() && !fromReminderClock();
    }

    /** A reminder or escalation from the reminder clock. */
    public boolean fromReminderClock() {
        return "reminder".equals(channel.platform());
    }
}
