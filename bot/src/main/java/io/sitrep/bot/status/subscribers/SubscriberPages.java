package io.sitrep.bot.status.subscribers;

import java.util.List;

import org.springframework.web.util.HtmlUtils;

/** The subscription pages: plain HTML forms, no JavaScript, every given text escaped. */
final class SubscriberPages {

    private static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;"
            + "color-scheme:light dark}button{font:inherit;padding:.5rem 1rem}label{display:block;margin:.3rem 0}";

    private SubscriberPages() {
    }

    static String inbox(String address) {
        return page("Check your inbox", "<p>If " + esc(address) + " can be subscribed, a mail to it says what to do "
                + "next. It may take a few minutes.</p>");
    }

    static String problem(String what) {
        return page("That did not work", "<p>" + esc(what) + "</p>");
    }

    static String confirm(String token) {
        return page("Confirm your subscription", "<form method=\"post\" action=\"/status/subscriptions/confirm\">"
                + hidden(token) + "<button type=\"submit\">Confirm subscription</button></form>");
    }

    static String confirmed(String manageLink) {
        return page("Subscribed", "<p>You will get a mail with each post about the components you chose.</p>"
                + "<p><a href=\"" + esc(manageLink) + "\">Choose components or unsubscribe</a></p>");
    }

    static String manage(String token, String address, List<String> components, List<String> chosen) {
        StringBuilder html = new StringBuilder("<p>Posts are mailed to ").append(esc(address)).append(".</p>")
                .append("<form method=\"post\" action=\"/status/subscriptions/manage\">").append(hidden(token))
                .append("<fieldset><legend>Components (none: all of them)</legend>");
        for (String component : components) {
            html.append("<label><input type=\"checkbox\" name=\"component\" value=\"").append(esc(component)).append('"')
                    .append(chosen.contains(component) ? " checked" : "").append("> ").append(esc(component))
                    .append("</label>");
        }
        return page("Your subscription", html.append("</fieldset><p><button type=\"submit\" name=\"action\" ")
                .append("value=\"save\">Save</button> <button type=\"submit\" name=\"action\" value=\"unsubscribe\">")
                .append("Unsubscribe</button></p></form>").toString());
    }

    static String saved() {
        return page("Saved", "<p>Your choice of components is saved.</p>");
    }

    static String unsubscribe(String token) {
        return page("Unsubscribe", "<form method=\"post\" action=\"/status/subscriptions/unsubscribe\">" + hidden(token)
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    static String unsubscribed() {
        return page("Unsubscribed", "<p>The address is removed; no more mail will come.</p>");
    }

    static String unknown() {
        return page("Link not valid", "<p>This link is not valid any more: the subscription was removed, or was "
                + "never confirmed in time. You can subscribe again on the <a href=\"/status\">status page</a>.</p>");
    }

    private static String hidden(String token) {
        return "<input type=\"hidden\" name=\"token\" value=\"" + esc(token) + "\">";
    }

    private static String page(String heading, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + esc(heading) + "</title><style>" + STYLE + "</style></head><body><h1>" + esc(heading) + "</h1>" + body
                + "<p><a href=\"/status\">← Status</a></p></body></html>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
