package org.gigaplan.plan.spi;

/** What an indicator value is computed over: the whole city, or one school. */
public record Scope(String schoolId) {

    private static final Scope CITY = new Scope(null);

    public static Scope city() {
        return CITY;
    }

    public static Scope school(String schoolId) {
        if (schoolId == null || schoolId.isBlank()) {
            throw new IllegalArgumentException("schoolId must not be blank");
        }
        return new Scope(schoolId);
    }

    public boolean isCity() {
        return schoolId == null;
    }
}
