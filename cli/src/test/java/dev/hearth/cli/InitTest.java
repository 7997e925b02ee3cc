package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}: a function of each runtime, named after its folder, that deploy takes as it is. */
class InitTest {

    @TempDir
    Path home;

    @Test
    void aPythonFunctionByDefaultNamedAfterItsFolder() throws IOException {
        Path folder = home.resolve("greeter");

        CliRunner.Result init = new CliRunner(home).run("init", folder.toString());

        assertEquals(0, init.exit(), init.err());
        assertEquals(
                "wrote greeter (python3) in " + folder + ": hearth.json, app.py\ndeploy it with: hearth-cli deploy "
                        + folder + "\n",
                init.out());
        assertTrue(Files.readString(folder.resolve("hearth.json")).contains("\"runtime\": \"python3\""));
        String handler = Files.readString(folder.resolve("app.py"));
        assertTrue(handler.contains("def handler(event, context):"), handler);
        assertTrue(handler.contains("greeter: greeting"), "the example's name is replaced: " + handler);
    }

    @Test
    void everyRuntimeHasOne() throws IOException {
        CliRunner cli = new CliRunner(home);
        assertEquals(
                0,
                cli.run("init", home.resolve("n").toString(), "--runtime", "nodejs")
                        .exit());
        assertTrue(Files.readString(home.resolve("n/app.js")).contains("module.exports.handler"));

        CliRunner.Result provided =
                cli.run("init", home.resolve("b").toString(), "--runtime", "provided", "-o", "json");
        assertEquals(0, provided.exit(), provided.err());
        assertTrue(
                provided.out().contains("\"files\": [\n        \"hearth.json\",\n        \"bootstrap\""),
                provided.out());
        assertTrue(
                Files.getPosixFilePermissions(home.resolve("b/bootstrap")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(home.resolve("b/function.sh"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
    }

    /** Java is a provided function with a Maven build of its own, whose archive is what deploys. */
    @Test
    void aJavaFunctionComesWithTheBuildThatMakesItsCodePackage() throws IOException {
        Path folder = home.resolve("orders");

        CliRunner.Result init = new CliRunner(home).run("init", folder.toString(), "--runtime", "java");

        assertEquals(0, init.exit(), init.err());
        assertTrue(
                init.out()
                        .endsWith(
                                "build it with: (cd " + folder + " && mvn package)\ndeploy it with: hearth-cli deploy "
                                        + folder.resolve("target/orders.zip") + "\n"),
                init.out());
        assertTrue(Files.readString(folder.resolve("hearth.json")).contains("\"runtime\": \"provided\""));
        assertTrue(Files.readString(folder.resolve("pom.xml")).contains("<artifactId>orders</artifactId>"));
        assertTrue(Files.readString(folder.resolve("src/main/java/example/Hello.java"))
                .contains("implements RequestHandler<"));
        assertTrue(Files.exists(folder.resolve("src/assembly/function.xml")));
        assertTrue(
                Files.getPosixFilePermissions(folder.resolve("bootstrap")).contains(PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void aFolderWithFilesOrAWrongRuntimeOrNameIsAUsageError() throws IOException {
        CliRunner cli = new CliRunner(home);
        Files.createDirectories(home.resolve("taken"));
        Files.writeString(home.resolve("taken/notes.txt"), "mine");

        CliRunner.Result taken = cli.run("init", home.resolve("taken").toString());
        assertEquals(2, taken.exit());
        assertEquals("error: folder-not-empty: " + home.resolve("taken") + " already holds files\n", taken.err());
        assertEquals("mine", Files.readString(home.resolve("taken/notes.txt")));

        CliRunner.Result cobol = cli.run("init", home.resolve("c").toString(), "--runtime", "cobol");
        assertEquals(2, cobol.exit());
        assertTrue(cobol.err().contains("'cobol' is none of python3, nodejs, provided, java"), cobol.err());
        assertEquals(2, cli.run("init", home.resolve("Bad_Name").toString()).exit());
        assertFalse(Files.exists(home.resolve("c")));
    }
}
