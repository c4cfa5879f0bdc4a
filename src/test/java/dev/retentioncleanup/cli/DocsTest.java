package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The user docs must keep up with the code: every option is documented, with its default where it has one. */
class DocsTest {
    @Test
    void everyOptionIsInTheConfigurationReferenceWithItsDefault() throws IOException {
        String reference = Files.readString(Path.of("docs/configuration.md"));
        for (Setting<?> setting : SettingOptions.ALL) {
            assertThat(reference).as("docs/configuration.md documents %s", setting.flag())
                    .contains("`" + setting.flag() + "`");
            if (setting.defaultText() != null) {
                assertThat(reference).as("docs/configuration.md gives the default of %s", setting.flag())
                        .containsPattern("`" + setting.flag() + "` \\| `" + java.util.regex.Pattern.quote(setting.defaultText()) + "`");
            }
        }
    }

    @Test
    void theReadmeQuickstartIsTheTwoCommands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("scripts/demo.sh", "scripts/test.sh");
        assertThat(Path.of("scripts/demo.sh")).isExecutable();
        assertThat(Path.of("scripts/test.sh")).isExecutable();
    }
}
