package io.sitrep.integrations.alerts;

import java.util.List;

/** Where alerts go once the webhook has read them; the application implements it. */
@FunctionalInterface
public interface AlertIntake {

    /**
     * What became of the alerts of one notification, for the webhook's answer and logs.
     *
     * @param stormed firing alerts that found no incident after this minute's new incidents were
     *                spent, attached to the one alert-storm incident instead
     */
    record Result(int declared, int attached, int resolved, int repeats, int stormed) {
    }

    Result receive(List<Alert> alerts);
}
