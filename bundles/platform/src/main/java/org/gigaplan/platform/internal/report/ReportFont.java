package org.gigaplan.platform.internal.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Japanese TrueType font the PDF report is set in and embeds (only the glyphs it uses). The operator names one
 * ({@code reportFont} in {@code etc/org.gigaplan.platform.progress.cfg}), or the first found of the IPA and Takao
 * Gothic fonts that Debian, Ubuntu and Red Hat install from their packages ({@code fonts-ipafont-gothic},
 * {@code fonts-ipaexfont-gothic}, {@code ipa-gothic-fonts}). OpenType fonts with CFF outlines (Noto CJK) cannot be
 * embedded this way.
 */
public final class ReportFont {

    /** Where the packages put them, in the order tried. */
    static final List<Path> KNOWN = List.of(
            Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
            Path.of("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
            Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
            Path.of("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
            Path.of("/usr/share/fonts/ipa-gothic/ipag.ttf"),
            Path.of("/usr/share/fonts/ipa-pgothic/ipagp.ttf"),
            Path.of("/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf"));

    /** What an operator is told when there is none. */
    public static final String MISSING = "the PDF report needs a Japanese TrueType font: install the package "
            + "fonts-ipafont-gothic (Debian, Ubuntu) or ipa-gothic-fonts (Red Hat), or name a .ttf file as reportFont "
            + "in etc/org.gigaplan.platform.progress.cfg";

    private ReportFont() {
    }

    /** The configured font when it is a readable file, else the first known one found; empty when none. */
    public static Optional<Path> find(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
        }
        return KNOWN.stream().filter(Files::isReadable).findFirst();
    }
}
