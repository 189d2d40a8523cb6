package dev.regzoo.data;

import java.nio.file.Path;

/** A dataset file or folder that cannot be used; the message names the file and what is wrong with it. */
public class InvalidDataException extends IllegalArgumentException {

    public InvalidDataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
