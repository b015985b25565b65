package io.sitrep.bot.command;

import io.sitrep.bot.EveryCommand;
import java.time.Clock;

import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.store.IncidentStore;

/** A real dispatcher on a given store and clock, wired as the application wires it. */
final class TestDispatchers {

    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();

    private TestDispatchers() {
    }

    static CommandDispatcher on(IncidentStore store, Clock clock) {
        return new CommandDispatcher(context(store, clock), EveryCommand.all());
    }

    static CommandContext context(IncidentStore store, Clock clock) {
        return new CommandContext(store, new IncidentWriter(store, LIFECYCLE), LIFECYCLE,
                new UpdateSchedule(ReminderSettings.defaults()), clock, "stakeholders");
    }
}
