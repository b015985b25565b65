package io.sitrep.integrations.http;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;

/** {@code POST /api/commands}: the chat grammar over HTTP, for scripts and other tools. */
@RestController
class CommandApiController {

    static final String PLATFORM = Platform.API.wireName();
    private static final String DEFAULT_CHANNEL = "api";

    private final ChatCommandHandler handler;

    CommandApiController(ChatCommandHandler handler) {
        this.handler = handler;
    }

    record CommandRequest(String text, String user, String channel) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommandResponse(boolean ok, String incident, List<Reply> replies, String error) {
    }

    record Reply(String channel, String text) {
    }

    @PostMapping(path = "/api/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> run(@RequestBody CommandRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            return ResponseEntity.badRequest().body(ApiError.of(
                    "The request needs \"text\", the command, e.g. {\"text\": \"/incident list\", \"user\": \"alice\"}."));
        }
        if (request.user() == null || request.user().isBlank()) {
            return ResponseEntity.badRequest().body(ApiError.of(
                    "The request needs \"user\", who is running the command; it goes on the timeline."));
        }
        String channel = request.channel() == null || request.channel().isBlank() ? DEFAULT_CHANNEL
                : request.channel().strip();
        CommandOutcome outcome = handler.handle(new ChatCommand(request.text(), new Actor(request.user()),
                new ChannelRef(PLATFORM, channel)));
        List<Reply> replies = outcome.replies().stream()
                .map(message -> new Reply(message.channel().id(), message.text()))
                .toList();
        CommandResponse body = new CommandResponse(outcome.ok(), outcome.incident().orElse(null), replies,
                outcome.error().orElse(null));
        return ResponseEntity.status(statusOf(outcome)).body(body);
    }

    static HttpStatus statusOf(CommandOutcome outcome) {
        if (outcome.ok()) {
            return HttpStatus.OK;
        }
        return switch (outcome.failure().orElse(CommandFailure.INTERNAL)) {
            case BAD_COMMAND -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
