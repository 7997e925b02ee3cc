package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "What activations printed (the tail of their output) and the lines their trusted portions logged.",
            "An activation id (a UUID) shows that activation; a function's name its latest ones, oldest first."
        })
public final class LogsCommand extends CliCommand {

    private static final Pattern ACTIVATION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Parameters(paramLabel = "NAME|ACTIVATION", description = "A function's name or an activation's id.")
    String target;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "For a function: its latest N activations (1 to 500; default ${DEFAULT-VALUE}).")
    int limit = 5;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 500) {
            throw usage("--limit must be from 1 to 500");
        }
        HearthApi api = cli().api();
        List<JsonValue> activations = new ArrayList<>();
        if (ACTIVATION_ID.matcher(target).matches()) {
            activations.add(api.activation(target));
        } else {
            activations.addAll(api.activations(target, limit).asJsonArray());
            Collections.reverse(activations);
        }
        JsonArrayBuilder all = Json.provider().createArrayBuilder();
        StringBuilder text = new StringBuilder();
        for (JsonValue activation : activations) {
            JsonValue lines = api.activationLogs(Json.text(activation.asJsonObject(), "id"));
            all.add(Json.provider()
                    .createObjectBuilder()
                    .add("activation", activation)
                    .add("lines", lines));
            text.append(Texts.logs(activation, lines));
        }
        cli().print(all.build(), v -> text.toString());
        return ExitCode.OK.code();
    }
}
