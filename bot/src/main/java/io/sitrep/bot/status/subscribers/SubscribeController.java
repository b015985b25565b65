package io.sitrep.bot.status.subscribers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.config.StatusSettings;
import io.sitrep.config.SubscriberSettings;
import io.sitrep.integrations.redis.RedisSubscribers;
import io.sitrep.integrations.redis.RedisSubscribers.Subscribed;
import io.sitrep.integrations.redis.RedisSubscribers.Subscription;

/**
 * The public side of mail subscriptions: the status page's subscribe form, double opt-in
 * (following the mailed link shows a button; only pressing it confirms, so a mail scanner that
 * opens links subscribes nobody), the manage page, and unsubscribing — one click by RFC 8058
 * from the mail's headers, or a button. The form answers the same whether the address was
 * subscribed before or not, and over the per-address limit; only the per-client limit says no.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "spring.mail", name = "host")
public class SubscribeController {

    private static final Logger log = LoggerFactory.getLogger(SubscribeController.class);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_COMPONENTS = 100;

    private final RedisSubscribers store;
    private final SubscriberLinks links;
    private final SubscriberMail mail;
    private final JavaMailSender sender;
    private final StatusSettings status;
    private final SubscriberSettings settings;
    private final Clock clock;

    SubscribeController(RedisSubscribers store, SubscriberLinks links, SubscriberMail mail, JavaMailSender sender,
                        StatusSettings status, SubscriberSettings settings, Clock clock) {
        this.store = store;
        this.links = links;
        this.mail = mail;
        this.sender = sender;
        this.status = status;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/status/subscribe")
    public ResponseEntity<String> subscribe(@RequestParam(name = "email", required = false) String email,
                                            @RequestParam(name = "component", required = false) List<String> component,
                                            HttpServletRequest request) {
        if (store.count("client", request.getRemoteAddr(), HOUR) > settings.subscribeLimitPerClient()) {
            return html(HttpStatus.TOO_MANY_REQUESTS, SubscriberPages.problem("Too many subscriptions from your "
                    + "network in the last hour. Please try again later."));
        }
        Optional<String> problem = MailAddresses.problem(email);
        if (problem.isPresent()) {
            return html(HttpStatus.BAD_REQUEST, SubscriberPages.problem(problem.get()));
        }
        List<String> components = component == null ? List.of() : component.stream().distinct().toList();
        Optional<String> unknown = components.stream().filter(c -> !known(c)).findFirst();
        if (unknown.isPresent() || components.size() > MAX_COMPONENTS) {
            return html(HttpStatus.BAD_REQUEST, SubscriberPages.problem("There is no component \""
                    + unknown.orElse("") + "\" to subscribe to."));
        }
        String address = email.strip();
        if (store.count("address", address, HOUR) <= settings.subscribeLimitPerAddress()) {
            Subscribed subscribed = store.subscribe(UUID.randomUUID().toString(), address, components, clock.instant(),
                    settings.confirmWithin());
            try {
                sender.send(mail.confirmation(subscribed.id(), address,
                        subscribed.standing() == Subscribed.Standing.CONFIRMED));
            } catch (MailException | MessagingException e) {
                log.warn("The confirmation mail of subscription {} was not sent: {}", subscribed.id(), e.getMessage());
            }
        }
        return html(HttpStatus.OK, SubscriberPages.inbox(address));
    }

    @GetMapping("/status/subscriptions/confirm")
    public ResponseEntity<String> confirmPage(@RequestParam(required = false) String token) {
        return withSubscription(SubscriberLinks.Purpose.CONFIRM, token, s -> SubscriberPages.confirm(token));
    }

    @PostMapping("/status/subscriptions/confirm")
    public ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        Optional<String> id = links.id(SubscriberLinks.Purpose.CONFIRM, token);
        if (id.isEmpty() || !store.confirm(id.get())) {
            return html(HttpStatus.NOT_FOUND, SubscriberPages.unknown());
        }
        return html(HttpStatus.OK, SubscriberPages.confirmed(links.manage(id.get())));
    }

    @GetMapping("/status/subscriptions/manage")
    public ResponseEntity<String> managePage(@RequestParam(required = false) String token) {
        return withSubscription(SubscriberLinks.Purpose.MANAGE, token, s -> SubscriberPages.manage(token, s.address(),
                componentNames(), s.components()));
    }

    @PostMapping("/status/subscriptions/manage")
    public ResponseEntity<String> manage(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String action,
                                         @RequestParam(name = "component", required = false) List<String> component) {
        Optional<String> id = links.id(SubscriberLinks.Purpose.MANAGE, token);
        if (id.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, SubscriberPages.unknown());
        }
        if ("unsubscribe".equals(action)) {
            return unsubscribed(id.get());
        }
        List<String> components = component == null ? List.of() : component.stream().filter(this::known).distinct().toList();
        return store.choose(id.get(), components) ? html(HttpStatus.OK, SubscriberPages.saved())
                : html(HttpStatus.NOT_FOUND, SubscriberPages.unknown());
    }

    @GetMapping("/status/subscriptions/unsubscribe")
    public ResponseEntity<String> unsubscribePage(@RequestParam(required = false) String token) {
        return withSubscription(SubscriberLinks.Purpose.MANAGE, token, s -> SubscriberPages.unsubscribe(token));
    }

    /** RFC 8058's one-click POST ({@code List-Unsubscribe=One-Click}) and the page's button alike. */
    @PostMapping("/status/subscriptions/unsubscribe")
    public ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        Optional<String> id = links.id(SubscriberLinks.Purpose.MANAGE, token);
        return id.isEmpty() ? html(HttpStatus.NOT_FOUND, SubscriberPages.unknown()) : unsubscribed(id.get());
    }

    private ResponseEntity<String> unsubscribed(String id) {
        store.remove(id);
        return html(HttpStatus.OK, SubscriberPages.unsubscribed());
    }

    private ResponseEntity<String> withSubscription(SubscriberLinks.Purpose purpose, String token,
                                                    java.util.function.Function<Subscription, String> page) {
        Optional<Subscription> subscription = links.id(purpose, token).flatMap(store::find);
        return subscription.isEmpty() ? html(HttpStatus.NOT_FOUND, SubscriberPages.unknown())
                : html(HttpStatus.OK, page.apply(subscription.get()));
    }

    /** A component one may subscribe to: a configured one, or where none are, any sensible name. */
    private boolean known(String component) {
        if (status.components().isEmpty()) {
            return !component.isBlank() && component.length() <= 100 && !component.contains("\n");
        }
        return componentNames().contains(component);
    }

    private List<String> componentNames() {
        return status.components().stream().map(StatusSettings.Component::name).distinct().toList();
    }

    private static ResponseEntity<String> html(HttpStatus code, String body) {
        return ResponseEntity.status(code).contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
    }
}
