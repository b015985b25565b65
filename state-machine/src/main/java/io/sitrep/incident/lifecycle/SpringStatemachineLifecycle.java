package io.sitrep.incident.lifecycle;

import static io.sitrep.incident.IncidentEvent.*;
import static io.sitrep.incident.IncidentState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.config.configurers.InternalTransitionConfigurer;
import org.springframework.statemachine.guard.Guard;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.statemachine.transition.Transition;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentState;
import reactor.core.publisher.Mono;

/**
 * The lifecycle on Spring Statemachine: the one class that knows that engine.
 *
 * <p>Machines are costly to build (about a millisecond) and not thread-safe, so a small pool of
 * them is reset to the incident's state for each decision. The engine's own result is not
 * trusted (it reports ACCEPTED when a guard denied the transition): a transition action marks
 * the event as fired, and a guard that says no leaves its reason in the extended state.
 */
public final class SpringStatemachineLifecycle implements IncidentLifecycle {

    private static final String INCIDENT = "sitrep.incident";
    private static final String REQUEST = "sitrep.request";
    private static final String FIRED = "sitrep.fired";
    private static final String DENIAL = "sitrep.denial";
    private static final String GUARD_FAILURE = "sitrep.guard-failure";
    private static final Set<IncidentState> NOT_FINISHED =
            EnumSet.of(TRIAGE, INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, POSTMORTEM);

    private final BlockingQueue<StateMachine<IncidentState, IncidentEvent>> idle;
    private final Map<IncidentState, Set<IncidentEvent>> legalEvents;

    private final TransitionGuards guards;

    /** A lifecycle whose resolutions no health watch holds back. */
    public SpringStatemachineLifecycle() {
        this(ResolutionHealth.NOT_WATCHED);
    }

    public SpringStatemachineLifecycle(ResolutionHealth health) {
        this(health, Math.max(2, Runtime.getRuntime().availableProcessors() * 4));
    }

    SpringStatemachineLifecycle(ResolutionHealth health, int poolSize) {
        this.guards = new TransitionGuards(health);
        this.idle = new ArrayBlockingQueue<>(poolSize);
        StateMachine<IncidentState, IncidentEvent> first = build();
        this.legalEvents = tableOf(first);
        idle.offer(first);
    }

    @Override
    public TransitionResult fire(Incident incident, IncidentEvent event, TransitionRequest request) {
        if (!legalEvents.get(incident.state()).contains(event)) {
            return new TransitionResult.NotLegal(incident.state());
        }
        StateMachine<IncidentState, IncidentEvent> machine = borrow();
        try {
            resetTo(machine, incident.state());
            Message<IncidentEvent> message = MessageBuilder.withPayload(event)
                    .setHeader(INCIDENT, incident)
                    .setHeader(REQUEST, request)
                    .build();
            machine.sendEvent(Mono.just(message)).blockLast();
            Map<Object, Object> variables = machine.getExtendedState().getVariables();
            if (variables.get(GUARD_FAILURE) instanceof RuntimeException failure) {
                throw failure;
            }
            if (Boolean.TRUE.equals(variables.get(FIRED))) {
                return new TransitionResult.Accepted(incident.state(), machine.getState().getId());
            }
            Object denial = variables.get(DENIAL);
            return denial != null
                    ? new TransitionResult.Denied(incident.state(), denial.toString())
                    : new TransitionResult.NotLegal(incident.state());
        } finally {
            idle.offer(machine);
        }
    }

    @Override
    public Set<IncidentEvent> legalEvents(IncidentState state) {
        return legalEvents.get(state);
    }

    private StateMachine<IncidentState, IncidentEvent> borrow() {
        StateMachine<IncidentState, IncidentEvent> machine = idle.poll();
        return machine != null ? machine : build();
    }

    private static void resetTo(StateMachine<IncidentState, IncidentEvent> machine, IncidentState state) {
        machine.stopReactively().block();
        machine.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(state, null, null, null))
                .block());
        machine.getExtendedState().getVariables().clear();
        machine.startReactively().block();
    }

    /** The lifecycle table, plus the in-place changes and the states that allow them. */
    private StateMachine<IncidentState, IncidentEvent> build() {
        try {
            StateMachineBuilder.Builder<IncidentState, IncidentEvent> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false).machineId("incident");
            builder.configureStates().withStates().initial(TRIAGE).states(EnumSet.allOf(IncidentState.class));
            var transitions = builder.configureTransitions();
            external(transitions, ACCEPT, INVESTIGATING, TRIAGE);
            external(transitions, CANCEL, CANCELLED, TRIAGE, INVESTIGATING);
            external(transitions, IDENTIFY, IDENTIFIED, INVESTIGATING);
            external(transitions, MONITOR, MONITORING, INVESTIGATING, IDENTIFIED);
            external(transitions, RESOLVE, RESOLVED, INVESTIGATING, IDENTIFIED, MONITORING);
            external(transitions, REOPEN, INVESTIGATING, MONITORING, RESOLVED);
            external(transitions, START_POSTMORTEM, POSTMORTEM, RESOLVED);
            external(transitions, CLOSE, CLOSED, POSTMORTEM);
            for (IncidentEvent inPlace : EnumSet.of(POST_UPDATE, CHANGE_SEVERITY, ASSIGN_ROLE,
                    SET_POSTMORTEM_FIELD, ADD_MITIGATIVE_ACTION)) {
                internal(transitions, inPlace, NOT_FINISHED);
            }
            // Notes may be added after the fact, even to a closed or cancelled incident.
            internal(transitions, ADD_NOTE, EnumSet.allOf(IncidentState.class));
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("the incident lifecycle definition is invalid", e);
        }
    }

    private void external(
            StateMachineTransitionConfigurer<IncidentState, IncidentEvent> transitions,
            IncidentEvent event, IncidentState target, IncidentState... sources) throws Exception {
        for (IncidentState source : sources) {
            transitions.withExternal().source(source).target(target).event(event)
                    .guard(guardFor(event)).action(markFired());
        }
    }

    private void internal(
            StateMachineTransitionConfigurer<IncidentState, IncidentEvent> transitions,
            IncidentEvent event, Set<IncidentState> sources) throws Exception {
        for (IncidentState source : sources) {
            InternalTransitionConfigurer<IncidentState, IncidentEvent> t = transitions.withInternal();
            t.source(source).event(event).guard(guardFor(event)).action(markFired());
        }
    }

    private Guard<IncidentState, IncidentEvent> guardFor(IncidentEvent event) {
        return context -> {
            Incident incident = (Incident) context.getMessageHeader(INCIDENT);
            TransitionRequest request = (TransitionRequest) context.getMessageHeader(REQUEST);
            Optional<String> denial;
            try {
                denial = guards.check(event, incident, request == null ? TransitionRequest.NONE : request);
            } catch (RuntimeException e) {
                // The engine would swallow it and report a mere "not legal"; the caller must see
                // it instead (a store that can't answer the health guard is a 503, not a refusal).
                context.getExtendedState().getVariables().put(GUARD_FAILURE, e);
                return false;
            }
            denial.ifPresent(reason -> context.getExtendedState().getVariables().put(DENIAL, reason));
            return denial.isEmpty();
        };
    }

    private static Action<IncidentState, IncidentEvent> markFired() {
        return (StateContext<IncidentState, IncidentEvent> context) ->
                context.getExtendedState().getVariables().put(FIRED, Boolean.TRUE);
    }

    private static Map<IncidentState, Set<IncidentEvent>> tableOf(StateMachine<IncidentState, IncidentEvent> machine) {
        Map<IncidentState, Set<IncidentEvent>> table = new EnumMap<>(IncidentState.class);
        for (IncidentState state : IncidentState.values()) {
            table.put(state, EnumSet.noneOf(IncidentEvent.class));
        }
        for (Transition<IncidentState, IncidentEvent> transition : machine.getTransitions()) {
            table.get(transition.getSource().getId()).add(transition.getTrigger().getEvent());
        }
        table.replaceAll((state, events) -> Collections.unmodifiableSet(events));
        return Collections.unmodifiableMap(table);
    }
}
