package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Settings;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Shows the settings registry's defaults in --help, so help text and behaviour share one source. */
public final class SettingDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        return Settings.named(OptionValues.settingName(option)).map(Setting::defaultText).orElse(null);
    }
}
