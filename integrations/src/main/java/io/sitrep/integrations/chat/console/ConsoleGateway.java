package io.sitrep.integrations.chat.console;

import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;

/**
 * Shows what nobody typed at this console — reminders, escalations, health changes — above the prompt.
 * The console's own commands print their outcome themselves.
 */
public final class ConsoleGateway implements ChatGateway {

    private volatile ConsoleChat chat;

    /** From now on, show notices in {@code console}. */
    public void attach(ConsoleChat console) {
        this.chat = console;
    }

    @Override
    public String platform() {
        return "console";
    }

    /** The terminal belongs to this process: nothing to keep for another replica or a restart. */
    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        ConsoleChat console = chat;
        if (console != null && delivery.fromWatcher()) {
            console.show(delivery.messages());
        }
        return DeliveryResult.delivered();
    }
}
