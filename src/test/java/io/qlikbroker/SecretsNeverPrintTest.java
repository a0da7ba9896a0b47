package io.qlikbroker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No record of the broker prints a token or a secret it holds: a record's generated {@code toString} prints every
 * component, and one careless log line or exception message would then leak it. Every record in the compiled
 * classes is built with a marker in each sensitive component, and its {@code toString} must not show it.
 */
class SecretsNeverPrintTest {

    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(token|secret|assertion|password|key|authorization)$");
    private static final Pattern NOT_SENSITIVE = Pattern.compile("(?i).*(tokenType|keyId|lookupKey)$");

    @Test
    void noRecordPrintsATokenOrASecret() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> type : records()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            List<String> markers = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i], markers);
            }
            if (markers.isEmpty()) {
                continue;
            }
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            String printed = String.valueOf(canonical.newInstance(values));
            for (String marker : markers) {
                assertFalse(printed.contains(marker), type.getName() + " prints " + marker + ": " + printed);
            }
            checked.add(type.getSimpleName());
        }
        assertTrue(checked.contains("AccessTokenResponse"), "checked: " + checked);
        assertTrue(checked.contains("QlikToken"), "checked: " + checked);
        assertTrue(checked.contains("RequestOrigin"), "checked: " + checked);
    }

    private static Object sample(RecordComponent component, List<String> markers) {
        Class<?> type = component.getType();
        if (type == String.class) {
            String value = "value-of-" + component.getName();
            if (SENSITIVE.matcher(component.getName()).matches() && !NOT_SENSITIVE.matcher(component.getName()).matches()) {
                markers.add(value);
            }
            return value;
        }
        if (type == long.class || type == int.class) {
            return type == long.class ? (Object) 0L : (Object) 0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    private static List<Class<?>> records() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, SecretsNeverPrintTest.class.getClassLoader());
                if (type.isRecord()) {
                    records.add(type);
                }
            }
        }
        return records;
    }
}
