package org.gigaplan.platform.internal.roster;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.gigaplan.platform.internal.roster.RosterRows.FileSpec;

/**
 * Reads a OneRoster 1.2 CSV set, bulk or delta, as the Japan Profile (OneRoster Japan Profile,
 * 学習eポータル標準モデル) writes it: {@code manifest.csv} and the files it declares, each in UTF-8 (with or without a
 * byte-order mark) or CP932. It only reads and checks; applying the set is another's work.
 * <p>
 * All or nothing: every file is read and every error collected, each naming file, line and column
 * ({@code classes.csv line 3.schoolSourcedId}), then one {@link InvalidInputException} lists them; a set without
 * errors comes back whole.
 *
 * <pre>
 * RosterSet set = OneRoster.readZip(upload);
 * set.schools().forEach(school -&gt; ... set.classesOf(school.sourcedId()) ...);
 * </pre>
 */
public final class OneRoster {

    private OneRoster() {
    }

    /** Reads a set from a zip archive of its files; see {@link #unzip}. */
    public static RosterSet readZip(InputStream zip) {
        return read(unzip(zip));
    }

    /** Reads a set from the files of a folder. */
    public static RosterSet readFolder(Path folder) {
        return read(filesIn(folder));
    }

    /**
     * The files of a zip archive by base name: folders inside it are tolerated, {@code ..} in a path is refused, and
     * at most 100 MB uncompressed are read in all.
     *
     * @throws InvalidInputException naming {@code archive}
     */
    public static Map<String, byte[]> unzip(InputStream zip) {
        return RosterArchive.unzip(zip);
    }

    /** The files directly in a folder, by name. */
    public static Map<String, byte[]> filesIn(Path folder) {
        return RosterArchive.folder(folder);
    }

    /**
     * Reads and checks a set.
     *
     * @param files the set's files by name: {@code manifest.csv}, {@code users.csv}…
     * @throws InvalidInputException listing every error of every file
     */
    public static RosterSet read(Map<String, byte[]> files) {
        byte[] manifestBytes = files.get(RosterManifest.FILE_NAME);
        if (manifestBytes == null) {
            throw new InvalidInputException(RosterManifest.FILE_NAME, "required: a set starts with manifest.csv "
                    + "(propertyName,value), which declares each file bulk, delta or absent");
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<RosterManifest.Read> read = RosterManifest.read(manifestBytes, errors);
        if (read.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        RosterManifest manifest = read.get().manifest();
        checkDeclaredFiles(read.get(), files, errors);
        List<String> ignored = ignoredFiles(manifest, files, errors);

        Set<String> unreadable = new HashSet<>();
        RosterSet set = new RosterSet(manifest, rows(RosterRows.ORGS, manifest, files, unreadable, errors),
                rows(RosterRows.SESSIONS, manifest, files, unreadable, errors),
                rows(RosterRows.COURSES, manifest, files, unreadable, errors),
                rows(RosterRows.CLASSES, manifest, files, unreadable, errors),
                rows(RosterRows.USERS, manifest, files, unreadable, errors),
                rows(RosterRows.ROLES_FILE, manifest, files, unreadable, errors),
                rows(RosterRows.ENROLLMENTS, manifest, files, unreadable, errors),
                rows(RosterRows.DEMOGRAPHICS, manifest, files, unreadable, errors), List.of(), ignored);
        List<ExternalReference> external = RosterReferences.check(set, unreadable, errors);
        throwIfAny(errors);
        return set.withExternalReferences(external);
    }

    /** A file declared bulk or delta must be in the set; one declared absent must not. */
    private static void checkDeclaredFiles(RosterManifest.Read read, Map<String, byte[]> files,
            List<FieldError> errors) {
        read.manifest().files().forEach((name, mode) -> {
            String file = name + ".csv";
            boolean present = files.containsKey(file);
            if (mode == RosterMode.ABSENT && present) {
                errors.add(new FieldError(read.field(name), "file." + name + " is absent, yet " + file + " is in the "
                        + "set: declare it bulk or delta, or leave the file out"));
            } else if (mode != RosterMode.ABSENT && !present) {
                errors.add(new FieldError(read.field(name), "file." + name + " is "
                        + mode.name().toLowerCase(Locale.ROOT) + ", yet " + file + " is not in the set: add the file "
                        + "or declare it absent"));
            }
        });
    }

    /**
     * The files not read: OneRoster files the platform has no use for, and files OneRoster does not define. A
     * OneRoster file the manifest does not declare is an error: it may be meant and would be missed.
     */
    private static List<String> ignoredFiles(RosterManifest manifest, Map<String, byte[]> files,
            List<FieldError> errors) {
        Set<String> read = new HashSet<>();
        RosterRows.READ.forEach(spec -> read.add(spec.name()));
        List<String> ignored = new ArrayList<>();
        for (String file : new TreeSet<>(files.keySet())) {
            if (file.equals(RosterManifest.FILE_NAME)) {
                continue;
            }
            String name = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
            RosterMode mode = manifest.files().get(name);
            if (mode == null && (read.contains(name) || RosterRows.NOT_READ.contains(name))) {
                errors.add(new FieldError(RosterManifest.FILE_NAME, file + " is in the set but the manifest has no "
                        + "file." + name + ": declare it bulk or delta, or leave the file out"));
            } else if (mode == null || mode != RosterMode.ABSENT && !read.contains(name)) {
                ignored.add(file);
            }
        }
        return ignored;
    }

    /** The records of one file; none when it is absent, or unreadable (then named in {@code unreadable}). */
    private static <T extends RosterRecord> List<T> rows(FileSpec<T> spec, RosterManifest manifest,
            Map<String, byte[]> files, Set<String> unreadable, List<FieldError> errors) {
        RosterMode mode = manifest.mode(spec.name());
        byte[] bytes = files.get(spec.fileName());
        if (mode == RosterMode.ABSENT || bytes == null) {
            if (mode != RosterMode.ABSENT) {
                unreadable.add(spec.name());
            }
            return List.of();
        }
        Optional<RosterTable> table = RosterTable.read(spec.fileName(), mode, bytes, spec.columns(), errors);
        if (table.isEmpty()) {
            unreadable.add(spec.name());
            return List.of();
        }
        return table.get().rows(true).map(spec.parser()).toList();
    }

    /** Throws for the errors; past the most one answer names, the last line says how many more there are. */
    private static void throwIfAny(List<FieldError> errors) {
        int max = InvalidInputException.MAX_ERRORS;
        if (errors.size() > max) {
            List<FieldError> first = new ArrayList<>(errors.subList(0, max - 1));
            first.add(new FieldError("roster", (errors.size() - max + 1) + " more errors not listed: mend these and "
                    + "read the set again"));
            throw new InvalidInputException(first);
        }
        InvalidInputException.throwIfAny(errors);
    }
}
