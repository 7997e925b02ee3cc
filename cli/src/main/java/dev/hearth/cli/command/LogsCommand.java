package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "What activations printed (the tail of their output) and the lines their trusted portions logged.",
            "An activation id (a UUID) shows that activation; a function's name its latest ones, oldest first.",
            "--follow goes on showing the function's new activations as they come, until interrupted (Ctrl-C);"
                    + " with --output json, one JSON object per line."
        })
public final class LogsCommand extends CliCommand {

    private static final Pattern ACTIVATION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** How many of the newest activations each poll reads: more than come between two polls. */
    private static final int FOLLOW_PAGE = 100;

    @Parameters(paramLabel = "NAME|ACTIVATION", description = "A function's name or an activation's id.")
    String target;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "For a function: its latest N activations (1 to 500; default ${DEFAULT-VALUE}).")
    int limit = 5;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep showing the function's new activations until interrupted.")
    boolean follow;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            description = "With --follow: how often to ask for new activations (default ${DEFAULT-VALUE}).")
    double intervalSeconds = 2;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 500) {
            throw usage("--limit must be from 1 to 500");
        }
        boolean activationId = ACTIVATION_ID.matcher(target).matches();
        if (follow && activationId) {
            throw usage("--follow follows a function: give its name, not an activation's id");
        }
        if (intervalSeconds <= 0 || intervalSeconds > 3600) {
            throw usage("--interval must be more than 0 and at most 3600 seconds");
        }
        HearthApi api = cli().api();
        List<JsonValue> activations = new ArrayList<>();
        if (activationId) {
            activations.add(api.activation(target));
        } else {
            activations.addAll(oldestFirst(api.activations(target, limit)));
        }
        if (follow) {
            return follow(api, activations);
        }
        JsonArrayBuilder all = Json.provider().createArrayBuilder();
        StringBuilder text = new StringBuilder();
        for (JsonValue activation : activations) {
            JsonObject entry = entry(api, activation);
            all.add(entry);
            text.append(Texts.logs(activation, entry.get("lines")));
        }
        cli().print(all.build(), v -> text.toString());
        return ExitCode.OK.code();
    }

    /** Shows what there is, then each activation not shown yet, polling until interrupted. */
    private int follow(HearthApi api, List<JsonValue> shownFirst) {
        Set<String> shown = new HashSet<>();
        List<JsonValue> next = shownFirst;
        while (true) {
            for (JsonValue activation : next) {
                if (shown.add(Json.text(activation.asJsonObject(), "id"))) {
                    JsonObject entry = entry(api, activation);
                    cli().out().print(cli().jsonOutput() ? entry + "\n" : Texts.logs(activation, entry.get("lines")));
                    cli().out().flush();
                }
            }
            pause(intervalSeconds, "stopped following " + target);
            next = oldestFirst(api.activations(target, FOLLOW_PAGE));
        }
    }

    private static List<JsonValue> oldestFirst(JsonValue newestFirst) {
        List<JsonValue> activations = new ArrayList<>(newestFirst.asJsonArray());
        Collections.reverse(activations);
        return activations;
    }

    private static JsonObject entry(HearthApi api, JsonValue activation) {
        JsonValue lines = api.activationLogs(Json.text(activation.asJsonObject(), "id"));
        return Json.provider()
                .createObjectBuilder()
                .add("activation", activation)
                .add("lines", lines)
                .build();
    }
}
