package io.sitrep.integrations.chat;

/**
 * The outbound side of one chat platform. After every change to an incident, whoever or
 * whatever made it, each gateway posts what belongs on its platform: the incident channel's
 * messages and card, the stakeholder announcement. Implementations return at once and do their
 * posting on their own threads, so a slow or failing platform never delays the command or the
 * other platforms.
 */
@FunctionalInterface
public interface ChatGateway {

    void deliver(Delivery delivery);

    /** The platform it posts to, for metrics ({@code slack}, {@code discord}). */
    default String platform() {
        return "other";
    }

    /** Outcomes taken but not yet fully posted, retries included. */
    default int pendingDeliveries() {
        return 0;
    }
}
