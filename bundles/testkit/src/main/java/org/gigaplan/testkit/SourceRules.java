package org.gigaplan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rules of the house that a module's own sources keep, for its tests to check: the compiler cannot see them.
 */
public final class SourceRules {

    /** Reads of the machine's clock: {@code Instant.now()}, {@code LocalDate.now()} and the like, a system clock. */
    private static final Pattern SYSTEM_CLOCK = Pattern.compile("\\b(Instant|LocalDate|LocalDateTime|LocalTime"
            + "|ZonedDateTime|OffsetDateTime|Year|YearMonth|MonthDay)\\.now\\(|\\bClock\\.system|"
            + "System\\.currentTimeMillis\\(|new (java\\.util\\.)?Date\\(\\)");

    private SourceRules() {
    }

    /**
     * The places in a module's main sources ({@code sources}: its {@code src/main/java}) that read the machine's
     * clock, as {@code path:line: code}; a module takes now, today and the zone from {@code PlanClock}, so that a
     * trial set to another day moves its checks and its records' times with the rest of the platform. Comments are
     * passed over.
     */
    public static List<String> systemClockReads(Path sources) {
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException("no sources at " + sources.toAbsolutePath());
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String code = code(lines.get(i));
                    if (SYSTEM_CLOCK.matcher(code).find()) {
                        out.add(sources.relativize(file) + ":" + (i + 1) + ": " + code.trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A line without its comment: a javadoc or block comment line, or what follows {@code //} outside a string or
     * character literal (a URL in a string is code, and so is what comes after it).
     */
    private static String code(String line) {
        String trimmed = line.trim();
        if (trimmed.startsWith("*") || trimmed.startsWith("/*")) {
            return "";
        }
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (line.startsWith("//", i)) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
