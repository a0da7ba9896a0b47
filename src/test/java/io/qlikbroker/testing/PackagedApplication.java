package io.qlikbroker.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts what the build packaged: the native executable in a {@code -Dnative} build, else the
 * jar. For ITs that must start the application themselves (to see its exit code, or to hand it a config file).
 */
public final class PackagedApplication {

    private PackagedApplication() {
    }

    public static List<String> command() {
        if (Boolean.getBoolean("packaged.native")) {
            return List.of(System.getProperty("native.image.path"));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The test loop's JIT flags (pom.xml, test.jvm.args): they change how fast it starts, never what it does.
        command.addAll(List.of(System.getProperty("packaged.jvm.args", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        return command;
    }

    /** A process builder for it, without any QLIK_ or QUARKUS_ variable of the surrounding environment. */
    public static ProcessBuilder builder() {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("QLIK_") || name.startsWith("QUARKUS_")
                || name.startsWith("BROKER_"));
        return builder;
    }
}
