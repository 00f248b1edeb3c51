package org.gigaplan.platform.internal.command;

/** Console helpers of the platform's own commands; the shared ones are in org.gigaplan.plan.console. */
final class Text {

    private Text() {
    }

    /** The path of a file that must exist, or a command error saying it does not. */
    static java.nio.file.Path existingFile(String file) {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No such file: " + path.toAbsolutePath());
        }
        return path;
    }
}
