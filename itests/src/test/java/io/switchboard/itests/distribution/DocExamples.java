package io.switchboard.itests.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code sh} code blocks of a Markdown document in the repository's docs/, to run them as they are written. */
final class DocExamples {

    private DocExamples() {
    }

    /** The repository's docs/ folder, found from the built distribution. */
    static Path docs() {
        return Path.of(System.getProperty("switchboard.distribution.dir")).resolve("../../../docs").normalize();
    }

    /**
     * The {@code sh} blocks of the document, of the whole document or, when {@code section} is given, of the section
     * under that level-2 heading only.
     */
    static List<String> shellBlocks(Path markdown, String section) throws IOException {
        List<String> blocks = new ArrayList<>();
        boolean inSection = section == null;
        StringBuilder block = null;
        for (String line : Files.readAllLines(markdown)) {
            if (block == null && line.startsWith("## ")) {
                inSection = section == null || line.equals("## " + section);
            }
            if (block == null && inSection && line.strip().equals("```sh")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
