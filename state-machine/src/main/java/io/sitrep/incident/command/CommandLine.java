package io.sitrep.incident.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * One command line, parsed: {@code [/incident] <word> [INC-n] [verb] args… [--flag value]…}.
 * Flags may stand anywhere after the first word; {@code --flag=value} works too.
 */
public record CommandLine(String word, Optional<IncidentId> incident, List<String> args, Map<String, List<String>> flags) {

    private static final String PREFIX = "/incident";
    private static final java.util.Set<String> SWITCHES = CommandSpecs.switches();

    public static CommandLine parse(String line) {
        List<Tokenizer.Token> tokens = new ArrayList<>(Tokenizer.tokenize(line == null ? "" : line));
        if (!tokens.isEmpty() && !tokens.get(0).quoted() && tokens.get(0).text().equalsIgnoreCase(PREFIX)) {
            tokens.remove(0);
        }
        if (tokens.isEmpty()) {
            return new CommandLine("help", Optional.empty(), List.of(), Map.of());
        }
        String word = tokens.remove(0).text().toLowerCase(Locale.ROOT);
        Map<String, List<String>> flags = new LinkedHashMap<>();
        List<Tokenizer.Token> args = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tokenizer.Token token = tokens.get(i);
            if (!token.quoted() && token.text().startsWith("--") && token.text().length() > 2) {
                String raw = token.text().substring(2);
                String name;
                String value;
                int equals = raw.indexOf('=');
                if (equals < 0 && SWITCHES.contains(raw.toLowerCase(Locale.ROOT))) {
                    name = raw.toLowerCase(Locale.ROOT);
                    value = "true"; // a switch takes no value: the next word stays an argument
                } else if (equals >= 0) {
                    value = raw.substring(equals + 1);
                    name = raw.substring(0, equals).toLowerCase(Locale.ROOT);
                } else if (i + 1 < tokens.size() && !isFlag(tokens.get(i + 1))) {
                    name = raw.toLowerCase(Locale.ROOT);
                    value = tokens.get(++i).text();
                } else {
                    throw new GrammarException("--" + raw + " needs a value, e.g. --" + raw + " \"…\".");
                }
                flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                args.add(token);
            }
        }
        Optional<IncidentId> incident = Optional.empty();
        // The incident is named right after the first word; a quoted "INC-7" is text.
        if (!args.isEmpty() && !args.get(0).quoted()) {
            incident = IncidentId.tryParse(args.get(0).text());
            incident.ifPresent(id -> args.remove(0));
        }
        return new CommandLine(word, incident, args.stream().map(Tokenizer.Token::text).toList(), Map.copyOf(flags));
    }

    private static boolean isFlag(Tokenizer.Token token) {
        return !token.quoted() && token.text().startsWith("--") && token.text().length() > 2;
    }

    /** The arguments after the first {@code n}. */
    public List<String> argsFrom(int n) {
        return n >= args.size() ? List.of() : args.subList(n, args.size());
    }
}
