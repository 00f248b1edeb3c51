package org.gigaplan.platform.internal.roster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * {@code manifest.csv}: which files a set holds and how each is meant.
 *
 * @param manifestVersion  {@code manifest.version}, 1.0
 * @param oneRosterVersion {@code oneroster.version}, 1.2
 * @param files            each {@code file.<name>} property, by name ({@code users}), in the manifest's order
 * @param properties       every property as written, {@code source.systemName} among them
 */
public record RosterManifest(String manifestVersion, String oneRosterVersion, Map<String, RosterMode> files,
        Map<String, String> properties) {

    public static final String FILE_NAME = "manifest.csv";
    private static final String FILE_PREFIX = "file.";

    public RosterManifest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** How a file is declared, by its name with or without {@code .csv}; absent when the manifest does not say. */
    public RosterMode mode(String name) {
        return files.getOrDefault(name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name,
                RosterMode.ABSENT);
    }

    /** A manifest read, with the line of each {@code file.*} property for errors about its file. */
    record Read(RosterManifest manifest, Map<String, Long> lineOfFile) {

        /** {@code manifest.csv line 5.value} for {@code file.users}, or just the file name when not declared. */
        String field(String name) {
            Long line = lineOfFile.get(name);
            return line == null ? FILE_NAME : new SourceLine(FILE_NAME, line).field("value");
        }
    }

    /** Reads and checks the manifest; its errors go to {@code errors}, empty when it cannot be read at all. */
    static Optional<Read> read(byte[] bytes, List<FieldError> errors) {
        Optional<RosterTable> table = RosterTable.read(FILE_NAME, RosterMode.BULK, bytes,
                List.of("propertyName", "value"), errors);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, RosterMode> files = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        for (RosterTable.Cells row : (Iterable<RosterTable.Cells>) table.get().rows(false)::iterator) {
            String name = row.text("propertyName", true);
            String value = row.text("value", false);
            if (name == null) {
                continue;
            }
            if (properties.containsKey(name)) {
                row.error("propertyName", "\"" + name + "\" is already set on line " + lines.get(name));
                continue;
            }
            properties.put(name, value == null ? "" : value);
            lines.put(name, row.source().line());
            if (name.startsWith(FILE_PREFIX)) {
                String mode = value == null ? "" : value.toUpperCase(Locale.ROOT);
                if (List.of("BULK", "DELTA", "ABSENT").contains(mode)) {
                    files.put(name.substring(FILE_PREFIX.length()), RosterMode.valueOf(mode));
                } else {
                    row.error("value", "bulk, delta or absent for " + name + ", was \"" + (value == null ? ""
                            : value) + "\"");
                }
            }
        }
        version(properties, lines, "manifest.version", "1.0", errors);
        version(properties, lines, "oneroster.version", "1.2", errors);
        Map<String, Long> lineOfFile = new LinkedHashMap<>();
        files.keySet().forEach(name -> lineOfFile.put(name, lines.get(FILE_PREFIX + name)));
        return Optional.of(new Read(new RosterManifest(properties.get("manifest.version"),
                properties.get("oneroster.version"), files, properties), lineOfFile));
    }

    private static void version(Map<String, String> properties, Map<String, Long> lines, String name, String expected,
            List<FieldError> errors) {
        String value = properties.get(name);
        if (value == null) {
            errors.add(new FieldError(FILE_NAME, "the property " + name + " is required, set to " + expected));
        } else if (!value.equals(expected)) {
            errors.add(new FieldError(new SourceLine(FILE_NAME, lines.get(name)).field("value"), name + " must be "
                    + expected + ", was \"" + value + "\""));
        }
    }
}
