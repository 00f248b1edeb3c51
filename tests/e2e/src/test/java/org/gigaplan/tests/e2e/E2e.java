package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gigaplan.tests.e2e.Distribution.Response;

import com.fasterxml.jackson.databind.JsonNode;

/** What every end-to-end test class reads and asserts the same way. */
final class E2e {

    private E2e() {
    }

    /** A system property the build sets for the tests. */
    static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set (run through mvn verify)");
        return value;
    }

    /** One indicator of a progress report. */
    static JsonNode indicator(JsonNode progress, String id) {
        for (JsonNode p : progress.path("policies")) {
            for (JsonNode i : p.path("indicators")) {
                if (id.equals(i.path("id").asText())) {
                    return i;
                }
            }
        }
        throw new AssertionError("no indicator " + id + " in progress report");
    }

    /** An indicator's staged target for a fiscal year in a plan document, or NaN when it has none set for it. */
    static double targetOf(JsonNode plan, String indicator, int fiscalYear) {
        for (JsonNode i : plan.path("indicators")) {
            if (indicator.equals(i.path("id").asText())) {
                for (JsonNode t : i.path("targets")) {
                    if (t.path("fiscalYear").asInt() == fiscalYear) {
                        return t.path("value").asDouble();
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** Asserts a problem+json answer of the status whose errors name the field, when one is given. */
    static JsonNode problem(Response r, int status, String field) {
        assertEquals(status, r.status(), () -> "answer: " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), () -> "not problem+json: " + r);
        JsonNode body = r.json();
        if (field != null) {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertTrue(fields.contains(field), () -> field + " not named in " + body);
        }
        return body;
    }

    /** A small OneRoster 1.2 CSV set, Japan Profile: one elementary school, two homeroom classes, a teacher, learners. */
    static byte[] rosterZip(String schoolCode) throws java.io.IOException {
        String school = "6f0c2a3e-0b1d-4c8e-9a51-1d2f3e4a5b60";
        String k51 = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c51";
        String k52 = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c52";
        String teacher = "c0ffee00-1111-4222-8333-444455556666";
        String mei = "c0ffee00-1111-4222-8333-444455556667";
        String sora = "c0ffee00-1111-4222-8333-444455556668";
        String t = "2026-04-01T00:00:00.000Z";
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n");
        for (String f : List.of("categories", "classResources", "courseResources",
                "demographics", "lineItems", "resources", "results", "userProfiles", "userResources")) {
            manifest.append("file.").append(f).append(",absent\n");
        }
        for (String f : List.of("academicSessions", "orgs", "courses", "classes", "users", "roles", "enrollments")) {
            manifest.append("file.").append(f).append(",bulk\n");
        }
        files.put("manifest.csv", manifest.toString());
        files.put("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                + school + ",active," + t + ",名簿テスト小学校,school," + schoolCode + ",\n");
        String year = "5e551011-2026-4000-8000-000000002026";
        String course = "c0a5e000-2026-4000-8000-000000000005";
        files.put("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,"
                + "parentSourcedId,schoolYear\n" + year + ",active," + t + ",2026年度,schoolYear,2026-04-01,2027-03-31,,2026\n");
        files.put("courses.csv", "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
                + "orgSourcedId,subjects,subjectCodes\n" + course + ",active," + t + "," + year + ",第5学年,G5,P5,"
                + school + ",,\n");
        files.put("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
                + "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods,metadata.jp.specialNeeds\n"
                + k51 + ",active," + t + ",5年1組,P5," + course + ",5-1,homeroom,," + school + "," + year + ",,,,false\n"
                + k52 + ",active," + t + ",5年2組,P5," + course + ",5-2,homeroom,," + school + "," + year + ",,,,false\n");
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
                + "identifier,email,grades,primaryOrgSourcedId\n"
                + teacher + ",active," + t + ",true,t.aoki@example.jp,,先生,青木,T-AOKI,t.aoki@example.jp,," + school + "\n"
                + mei + ",active," + t + ",true,mei@example.jp,{LTI:mei01},芽衣,伊達,S-1,mei@example.jp,P5," + school + "\n"
                + sora + ",active," + t + ",true,sora@example.jp,,空,片倉,S-2,sora@example.jp,P5," + school + "\n");
        files.put("roles.csv", "sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId,beginDate,endDate\n"
                + "r-1,active," + t + "," + teacher + ",primary,teacher," + school + ",,\n"
                + "r-2,active," + t + "," + mei + ",primary,student," + school + ",,\n"
                + "r-3,active," + t + "," + sora + ",primary,student," + school + ",,\n");
        files.put("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,"
                + "role,primary,beginDate,endDate,metadata.jp.shussekiNo,metadata.jp.publicFlg\n"
                + "e-1,active," + t + "," + k51 + "," + school + "," + teacher + ",teacher,true,,,,\n"
                + "e-2,active," + t + "," + k51 + "," + school + "," + mei + ",student,false,,,1,true\n"
                + "e-3,active," + t + "," + k52 + "," + school + "," + sora + ",student,false,,,1,true\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
