package io.sitrep.bot.wiring;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.paging.PageNotifications;
import io.sitrep.bot.paging.PageStep;
import io.sitrep.bot.paging.PageTargets;
import io.sitrep.bot.paging.PagingCommands;
import io.sitrep.bot.paging.PagingRule;
import io.sitrep.bot.paging.TimelineReceipts;
import io.sitrep.config.PagingSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Severity;
import io.sitrep.integrations.chat.ChatGateway;

/**
 * Paging: who a page reaches (the on-call files), when an incident pages by itself (the rule
 * every write follows), what each page step sends (queued with the change), and the commands.
 * The steps themselves run on the reminder clock.
 */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

    /** The methods people are notified by: those with a delivery lane here (asked once the gateways exist). */
    @Bean
    PageTargets pageTargets(OnCallDesk desk, ObjectProvider<ChatGateway> gateways) {
        return new PageTargets(desk, () -> gateways.orderedStream().filter(ChatGateway::durable)
                .map(ChatGateway::platform).collect(Collectors.toUnmodifiableSet()));
    }

    @Bean
    PagingRule pagingRule(PageTargets targets, PagingSettings settings, Clock clock) {
        return new PagingRule(targets, severities(settings), settings.defaultPolicy(), clock);
    }

    @Bean
    PageStep pageStep(PageTargets targets, PagingSettings settings) {
        return new PageStep(targets, settings.escalateAfter(), settings.defaultPolicy());
    }

    @Bean
    PageNotifications pageNotifications() {
        return new PageNotifications();
    }

    /** Each notification sent or given up on, on the incident's timeline. */
    @Bean
    TimelineReceipts pageReceipts(IncidentWriter writer, Clock clock) {
        return new TimelineReceipts(writer, clock);
    }

    @Bean
    CommandSet pagingCommands(PageTargets targets) {
        return PagingCommands.commands(targets);
    }

    /** {@code sitrep.paging.severities}, each as {@code SEV1}, {@code sev1} or {@code 1}; a wrong one stops the start. */
    static Set<Severity> severities(PagingSettings settings) {
        Set<Severity> severities = new LinkedHashSet<>();
        for (String text : settings.severities()) {
            severities.add(Severity.tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                    "sitrep.paging.severities: \"" + text + "\" is no severity; use SEV1 to SEV4")));
        }
        return severities;
    }
}
