package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./local/run}'s command line, in a JVM of its own: a refusal is one line on stderr and exit status 2. */
class LocalRunCommandLineTest {
    private record Exit(int status, String stdout, String stderr) {
    }

    private static Exit run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), LocalRun.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "refused at start, before anything starts");
        return new Exit(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aValueTheTemplateRefusesIsOneLineAndExitStatusTwo() throws Exception {
        Exit exit = run("--parameter-overrides", "RequireKeypress=false MaxCallees=0");
        assertEquals(2, exit.status(), exit.toString());
        assertEquals("alertbridge: parameter MaxCallees: 0 is below MinValue 1\n", exit.stderr().replace("\r", ""));
        assertEquals("", exit.stdout());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitStatusTwo() throws Exception {
        Exit exit = run("--verbose");
        assertEquals(2, exit.status(), exit.toString());
        assertEquals(List.of("alertbridge: unknown option --verbose (./local/run --help shows the options)"), exit.stderr().lines().toList());
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Exit exit = run("--help");
        assertEquals(0, exit.status(), exit.toString());
        assertTrue(exit.stdout().startsWith("usage: ./local/run [--parameter-overrides Name=Value ...]"), exit.stdout());
    }
}
