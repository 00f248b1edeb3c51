package org.gigaplan.platform.internal.roster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * The hand-written sets under {@code src/test/resources/roster/}: a bulk set of the (fictional) 杜の都市 board with two
 * elementary schools and one junior high, and a delta on it. Their sourcedIds are random UUIDs; the ones the tests
 * name are here.
 */
final class RosterFixtures {

    static final String DISTRICT = "dd84cd61-573d-4ed0-b5b5-c0fccb68ffdc";
    static final String AOBA = "7f7e8028-1aff-4b9d-90c6-35387ae1376c";
    static final String WAKABAYASHI = "0eef8fe8-30df-4401-813c-c58bdc351815";
    static final String HIROSE = "83070b8d-0527-435a-b6d0-dba2f82a9d1e";
    static final String YEAR_2025 = "11f006b7-0bba-4652-a9be-1280b63edee7";
    static final String TERM_1 = "ec047bc5-a1fa-43ad-b1cd-48fb064c6a43";
    static final String AOBA_5_1 = "33c33e53-5b5e-43e5-81c3-f9bd9fb33151";
    static final String AOBA_5_2 = "0e93e945-9087-409c-9480-555b4af3ecae";
    static final String AOBA_HIMAWARI = "df07dfb6-dcd6-440c-9b26-512b62f973b2";
    static final String HIROSE_1_1 = "09cd162c-9d55-4da1-bca2-9df88b3b5019";
    static final String SATO = "94501cfd-b8e1-42f3-8b47-a6b4cf6b683f";
    static final String ITO = "74369abc-4f9d-43ae-be3b-e8ae90e4b603";
    static final String WATANABE = "d2e61746-11c8-4b43-99c8-b6428448af67";
    static final String SUGAWARA = "33cb1260-531a-44c2-8d50-f0e6499cafa6";
    static final String ENDO = "405a4de1-ee16-43f4-b617-7084fb029fe0";
    static final String AIZAWA = "a3784d6b-cb69-4ba5-a62c-95c11f44af94";
    static final String HAYASAKA = "3f53e2a9-96ad-459c-8b0e-c97fb7b24479";
    static final String HAYASAKA_ROLE = "cbadf41d-609a-4927-98eb-98d7be87aee6";
    static final String HAYASAKA_IN_5_1 = "0407f377-d75e-4a2a-81a0-a746b14281a9";
    static final String SUGAWARA_IN_HIMAWARI = "2009ffc1-781e-47c9-bcc1-0440683cb092";

    static final Charset CP932 = Charset.forName("windows-31j");

    private RosterFixtures() {
    }

    static Path folder(String name) {
        try {
            return Path.of(RosterFixtures.class.getClassLoader().getResource("roster/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of a fixture set, to change in memory. */
    static Map<String, byte[]> files(String name) {
        return new TreeMap<>(OneRoster.filesIn(folder(name)));
    }

    /**
     * Changes a file's text, kept in its encoding (UTF-8, with its byte-order mark if it had one, or CP932).
     */
    static Map<String, byte[]> edit(Map<String, byte[]> files, String file, UnaryOperator<String> change) {
        byte[] bytes = files.get(file);
        Charset charset = StandardCharsets.UTF_8;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            charset = CP932;
        }
        String text = new String(bytes, charset);
        String changed = change.apply(text);
        if (changed.equals(text)) {
            throw new IllegalArgumentException("the change left " + file + " as it was");
        }
        files.put(file, changed.getBytes(charset));
        return files;
    }

    /** Replaces the first occurrence of a text in a file. */
    static Map<String, byte[]> replace(Map<String, byte[]> files, String file, String from, String to) {
        return edit(files, file, text -> text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    /** Changes line {@code n} of a file (the header is 1). */
    static Map<String, byte[]> editLine(Map<String, byte[]> files, String file, int n, UnaryOperator<String> change) {
        return edit(files, file, text -> {
            String[] lines = text.split("\r\n", -1);
            lines[n - 1] = change.apply(lines[n - 1]);
            return String.join("\r\n", lines);
        });
    }

    /** A zip archive of the entries, by name. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The errors reading a set answers with; fails when it reads. */
    static List<FieldError> errorsOf(Map<String, byte[]> files) {
        return assertThrows(InvalidInputException.class, () -> OneRoster.read(files)).errors();
    }

    /** The one error of a field; fails showing all errors when there is not exactly one. */
    static FieldError errorAt(List<FieldError> errors, String field) {
        List<FieldError> at = errors.stream().filter(e -> e.field().equals(field)).toList();
        assertTrue(at.size() == 1, "expected one error at " + field + ", errors were " + errors);
        return at.get(0);
    }
}
