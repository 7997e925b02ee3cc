package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.archive.FunctionArchive;
import dev.hearth.cli.output.Json;
import dev.hearth.domain.rules.NameRule;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy a function: a folder with hearth.json at its root (zipped here) or a .zip or .tar.gz archive.",
            "The function is named after the folder or archive (hello-python for examples/hello-python) unless"
                    + " --name says otherwise; deploying a name again replaces its code."
        })
public final class DeployCommand extends CliCommand {

    @Parameters(paramLabel = "DIR|ARCHIVE", description = "The function's folder or archive.")
    Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() {
        String function = name != null ? name : FunctionArchive.defaultName(path);
        if (!NameRule.FUNCTION.accepts(function)) {
            throw usage("'" + function + "' is not a function name (" + NameRule.FUNCTION.inWords()
                    + "); give one with --name");
        }
        FunctionArchive archive = FunctionArchive.of(path);
        HearthApi.Deployed deployed = cli().api().deploy(function, archive.bytes(), archive.contentType());
        cli().print(deployed.function(), f -> summary(f.asJsonObject(), deployed.created()));
        return ExitCode.OK.code();
    }

    private static String summary(JsonObject function, boolean created) {
        StringBuilder text = new StringBuilder();
        int portions = function.getJsonArray("portions") == null
                ? 0
                : function.getJsonArray("portions").size();
        text.append(created ? "created " : "updated ")
                .append(Json.text(function, "name"))
                .append(": ")
                .append(Json.text(function, "runtime"))
                .append(", ")
                .append(portions)
                .append(portions == 1 ? " portion, " : " portions, ")
                .append(Json.text(function, "codeSize"))
                .append(" bytes of code (sha256 ")
                .append(Json.text(function, "codeSha256"))
                .append(")\n");
        if (function.getJsonArray("warnings") != null) {
            for (JsonValue warning : function.getJsonArray("warnings")) {
                text.append("warning: ")
                        .append(((JsonString) warning).getString())
                        .append('\n');
            }
        }
        return text.toString();
    }
}
