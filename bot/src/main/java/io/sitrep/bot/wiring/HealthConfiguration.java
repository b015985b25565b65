package io.sitrep.bot.wiring;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.health.HealthWatch;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HttpProbeSource;
import io.sitrep.integrations.health.Target;

/** The health watch over the configured sources; with none configured it watches nothing and holds nothing back. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean(destroyMethod = "close")
    HttpProbeSource httpProbes(HealthSettings settings) {
        List<HttpProbeSource.Probe> probes = new ArrayList<>();
        for (HealthSettings.ProbeTarget target : settings.targets()) {
            probes.add(new HttpProbeSource.Probe(new Target(target.name(), target.service(), target.node()),
                    URI.create(target.url())));
        }
        return new HttpProbeSource(probes, settings.probeTimeout());
    }

    @Bean(destroyMethod = "close")
    HealthWatch healthWatch(List<HealthSource> sources, HealthSettings settings, Clock clock, IncidentStore store,
                            IncidentWriter writer, Notices notices, TriageDeclarer triage) {
        List<HealthSource> watched = sources.stream().filter(s -> !s.targets().isEmpty()).toList();
        HealthWatch watch = new HealthWatch(watched, settings, clock, store, writer, notices, triage);
        watch.start();
        return watch;
    }
}
