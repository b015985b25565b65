package io.sitrep.integrations.chat;

/**
 * The outbound side of one chat platform: it renders a delivery and sends what belongs on its
 * platform — the incident room's messages and card, the stakeholder post, the escalation. It is
 * called by the delivery workers, one delivery of an incident at a time, in the order they were
 * taken; it decides nothing about who is told what.
 */
public interface ChatGateway {

    /**
     * Sends what is still owed of {@code delivery}: messages {@code steps} marks as out are
     * skipped, and each one sent is marked, so a retry after an outage or a crash sends none twice.
     */
    DeliveryResult deliver(Delivery delivery, DeliverySteps steps);

    /** The platform it posts to ({@code slack}, {@code discord}, {@code console}): its lane in the queue. */
    String platform();

    /**
     * Whether its deliveries are kept in the shared queue until sent (every platform people use);
     * false for a terminal attached to this process, which only this process can write to.
     */
    default boolean durable() {
        return true;
    }

    /**
     * Whether it is a chat platform, where incidents have rooms (an incident a watcher opens
     * lives on each); false for a paging method such as email, which only reaches people.
     */
    default boolean chat() {
        return true;
    }
}
