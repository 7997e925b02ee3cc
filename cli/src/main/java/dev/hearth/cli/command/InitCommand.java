package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.archive.FunctionArchive;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.skeleton.Skeleton;
import dev.hearth.domain.rules.NameRule;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Write a new function into the folder DIR, named after it: its hearth.json and a handler that"
                    + " answers {\"message\": \"Hello, <name>!\"} to {\"name\": \"<name>\"}.",
            "It deploys as it is: hearth-cli deploy DIR; java (a provided function run by AWS Lambda's Java"
                    + " runtime interface client) is built first: mvn package in DIR, then hearth-cli deploy"
                    + " DIR/target/NAME.zip."
        })
public final class InitCommand extends CliCommand {

    @Parameters(paramLabel = "DIR", description = "The folder to write (new or empty); its name is the function's.")
    Path folder;

    @Option(
            names = "--runtime",
            paramLabel = "RUNTIME",
            completionCandidates = Runtimes.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String runtime = Skeleton.PYTHON3.option();

    @Override
    public Integer call() {
        String name = FunctionArchive.defaultName(folder);
        if (!NameRule.FUNCTION.accepts(name)) {
            throw usage("'" + name + "' is not a function name (" + NameRule.FUNCTION.inWords() + ")");
        }
        Skeleton skeleton = Skeleton.forOption(runtime)
                .orElseThrow(() ->
                        usage("--runtime: '" + runtime + "' is none of " + String.join(", ", Skeleton.options())));
        skeleton.writeTo(folder, name);
        JsonObject written = Json.provider()
                .createObjectBuilder()
                .add("name", name)
                .add("runtime", skeleton.runtime())
                .add("folder", folder.toAbsolutePath().toString())
                .add("files", Json.provider().createArrayBuilder(skeleton.files()))
                .add("deploy", skeleton.deployable(folder, name).toString())
                .build();
        cli().print(
                        written,
                        w -> "wrote " + name + " (" + skeleton.option() + ") in " + folder + ": "
                                + String.join(", ", skeleton.files()) + "\n"
                                + (skeleton.built() ? "build it with: (cd " + folder + " && mvn package)\n" : "")
                                + "deploy it with: hearth-cli deploy " + skeleton.deployable(folder, name) + "\n");
        return ExitCode.OK.code();
    }

    /** The runtimes {@code --runtime} takes, for the help text and the completion. */
    static final class Runtimes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Skeleton.options().iterator();
        }
    }
}
