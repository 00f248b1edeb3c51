package org.gigaplan.platform.internal.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/** Sets arriving as a zip archive or a folder. */
class RosterArchiveTest {

    private static FieldError refused(byte[] zip) {
        List<FieldError> errors = assertThrows(InvalidInputException.class,
                () -> OneRoster.readZip(new ByteArrayInputStream(zip))).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("archive", errors.get(0).field());
        return errors.get(0);
    }

    @Test
    void aCsvFileIsNotAZipArchive() {
        FieldError e = refused("propertyName,value\nmanifest.version,1.0\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("not a zip archive, or an empty one: zip the CSV files of the set, manifest.csv among them",
                e.detail());
    }

    @Test
    void anEntryWithDotDotInItsPathIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(RosterFixtures.files("bulk"));
        entries.put("roster/../../orgs.csv", new byte[] {'x'});
        assertEquals("the entry \"roster/../../orgs.csv\" has a path with ..: refused",
                refused(RosterFixtures.zip(entries)).detail());
    }

    @Test
    void twoFilesOfOneNameInDifferentFoldersAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(RosterFixtures.files("bulk"));
        entries.put("old/users.csv", entries.get("users.csv"));
        assertEquals("two files named users.csv: one set, one of each", refused(RosterFixtures.zip(entries))
                .detail());
    }

    @Test
    void aZipBombStopsAtOneHundredMegabytes() throws IOException {
        // 101 MB of zeros compress to about 100 KB; the reader stops counting at 100 MB + 1 byte
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("users.csv"));
            byte[] megabyte = new byte[1024 * 1024];
            for (int i = 0; i < 101; i++) {
                zip.write(megabyte);
            }
            zip.closeEntry();
        }
        byte[] zip = out.toByteArray();
        assertTrue(zip.length < 1024 * 1024, "compressed " + zip.length);
        assertEquals("larger than 100 MB uncompressed", refused(zip).detail());
    }

    @Test
    void theFixturesKeepTheirEncodings() {
        Map<String, byte[]> files = RosterFixtures.files("bulk");
        byte[] users = files.get("users.csv");
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(users[0], users[1], users[2]),
                "users.csv is UTF-8 with a byte-order mark");
        String classes = new String(files.get("classes.csv"), RosterFixtures.CP932);
        assertTrue(classes.contains("5年1組"), "classes.csv is CP932");
        assertFalse(new String(files.get("classes.csv"), StandardCharsets.UTF_8).contains("5年1組"));
    }
}
