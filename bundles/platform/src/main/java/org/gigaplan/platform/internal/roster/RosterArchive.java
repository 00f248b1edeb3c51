package org.gigaplan.platform.internal.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.gigaplan.plan.rest.InvalidInputException;

/**
 * The files of a set, by name, from a zip archive or a folder. Sizes are counted as the bytes are read, never taken
 * from the archive's own word, so a zip bomb stops at {@link #MAX_TOTAL_BYTES}.
 */
final class RosterArchive {

    /** Uncompressed bytes a set may have in all. */
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    /** Files a set may have: OneRoster 1.2 defines 21 and a manifest. */
    static final int MAX_FILES = 100;
    static final String FIELD = "archive";

    private RosterArchive() {
    }

    /**
     * The files of a zip archive by base name: folders inside the archive are tolerated ({@code roster/users.csv} is
     * {@code users.csv}); a path with {@code ..}, two files of one name, or more than the limits are refused.
     * Operating-system leftovers ({@code __MACOSX/}, {@code .DS_Store}) are skipped.
     */
    static Map<String, byte[]> unzip(InputStream in) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                String path = entry.getName().replace('\\', '/');
                if (List.of(path.split("/")).contains("..")) {
                    throw new InvalidInputException(FIELD, "the entry \"" + entry.getName() + "\" has a path with ..: "
                            + "refused");
                }
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (entry.isDirectory() || name.isEmpty() || name.startsWith(".") || path.startsWith("__MACOSX/")) {
                    continue;
                }
                if (files.size() == MAX_FILES) {
                    throw new InvalidInputException(FIELD, "at most " + MAX_FILES + " files in a set");
                }
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_TOTAL_BYTES - total + 1));
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new InvalidInputException(FIELD, "larger than " + MAX_TOTAL_BYTES / (1024 * 1024)
                            + " MB uncompressed");
                }
                if (files.put(name, bytes) != null) {
                    throw new InvalidInputException(FIELD, "two files named " + name + ": one set, one of each");
                }
            }
            if (!any) {
                throw new InvalidInputException(FIELD, "not a zip archive, or an empty one: zip the CSV files of "
                        + "the set, manifest.csv among them");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(FIELD, "not a readable zip archive: " + e.getMessage());
        }
        return files;
    }

    /** The files directly in a folder (not in folders below), by name; hidden files skipped. */
    static Map<String, byte[]> folder(Path folder) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                total += Files.size(file);
                if (total > MAX_TOTAL_BYTES || files.size() == MAX_FILES) {
                    throw new InvalidInputException(FIELD, "at most " + MAX_FILES + " files and "
                            + MAX_TOTAL_BYTES / (1024 * 1024) + " MB in a set");
                }
                files.put(name, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new InvalidInputException(FIELD, "cannot read the folder " + folder + ": " + e.getMessage());
        }
        return files;
    }
}
