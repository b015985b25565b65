package io.sitrep.integrations.chat;

/**
 * Where every delivery goes after a change, whoever made it: it is kept until each platform has
 * sent it. Taking a delivery is quick; the sending happens elsewhere, in order per incident.
 */
@FunctionalInterface
public interface Outbox {

    void send(Delivery delivery);
}
