package org.gigaplan.plan.roster;

/**
 * A homeroom class of a school, as the roster names it.
 *
 * @param sourcedId    its OneRoster id (stable across years' files)
 * @param grade        its year within the school's stage (5 for P5, 1 for J1); a class of several grades (a
 *                     special-needs class, 複式学級) has its lowest
 * @param name         the class within its grade: "1" for 5年1組, else the title ("ひまわり学級")
 * @param title        as the roster writes it
 * @param specialNeeds a special-needs class (特別支援学級, {@code metadata.jp.specialNeeds})
 */
public record HomeroomClass(String sourcedId, String schoolId, int grade, String name, String title,
        boolean specialNeeds) {
}
