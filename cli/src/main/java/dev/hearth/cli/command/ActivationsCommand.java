package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "activations",
        mixinStandardHelpOptions = true,
        description = "The records of invocations, newest first: of one function, or of all of yours.")
public final class ActivationsCommand extends CliCommand {

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The function; none: every one of yours.")
    String name;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most this many (1 to 500; default ${DEFAULT-VALUE}).")
    int limit = 20;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 500) {
            throw usage("--limit must be from 1 to 500");
        }
        HearthApi api = cli().api();
        JsonValue activations = name != null ? api.activations(name, limit) : ofEveryFunction(api);
        cli().print(activations, Texts::activations);
        return ExitCode.OK.code();
    }

    /** The API lists activations per function: the newest of all, merged. */
    private JsonValue ofEveryFunction(HearthApi api) {
        List<JsonObject> all = new ArrayList<>();
        for (JsonValue function : api.functions().asJsonArray()) {
            String functionName = Json.text(function.asJsonObject(), "name");
            api.activations(functionName, limit).asJsonArray().forEach(a -> all.add(a.asJsonObject()));
        }
        JsonArrayBuilder newest = Json.provider().createArrayBuilder();
        all.stream()
                .sorted(Comparator.comparing((JsonObject a) -> Json.text(a, "startedAt"))
                        .reversed())
                .limit(limit)
                .forEach(newest::add);
        return newest.build();
    }
}
